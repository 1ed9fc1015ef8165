// Test helpers: DKIM key pairs made with WebCrypto, as PEM for mailauth's signer and as DNS TXT `p=` values.

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function toPem(label: string, der: ArrayBuffer): string {
  return `-----BEGIN ${label}-----\n${toBase64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
}

export type DkimKey = { privateKeyPem: string; dnsRecord: string; privateKey: CryptoKey };

/** RSA-2048 (RFC 8301 3.2: at least 1024, 2048 recommended): `p=` is the SubjectPublicKeyInfo (RFC 6376 3.6.1). */
export async function generateRsaDkimKey(): Promise<DkimKey> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const pkcs8 = (await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer;
  const spki = (await crypto.subtle.exportKey('spki', pair.publicKey)) as ArrayBuffer;
  return {
    privateKeyPem: toPem('PRIVATE KEY', pkcs8),
    dnsRecord: `v=DKIM1; k=rsa; p=${toBase64(spki)}`,
    privateKey: pair.privateKey,
  };
}

/** Ed25519 (RFC 8463 4.2): `p=` is the bare 32-byte public key. */
export async function generateEd25519DkimKey(): Promise<DkimKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = (await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer;
  const raw = (await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer;
  return {
    privateKeyPem: toPem('PRIVATE KEY', pkcs8),
    dnsRecord: `v=DKIM1; k=ed25519; p=${toBase64(raw)}`,
    privateKey: pair.privateKey,
  };
}

/** RFC 6376 3.4.4 relaxed body canonicalization. */
function canonicalizeBodyRelaxed(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

/** RFC 6376 3.4.2 relaxed header canonicalization of one `Name: value` field (unfolded). */
function canonicalizeHeaderRelaxed(field: string): string {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}`;
}

/**
 * An Ed25519-SHA256 DKIM signer of its own (RFC 8463 3: Ed25519 over the SHA-256 of the canonicalized headers),
 * with WebCrypto: workerd's node:crypto cannot load Ed25519 PKCS#8 keys for mailauth's signer. Being independent
 * of mailauth, it also checks the verifier against a second implementation.
 */
export async function signEd25519Dkim(
  message: string,
  domain: string,
  selector: string,
  key: DkimKey,
): Promise<string> {
  const split = message.indexOf('\r\n\r\n');
  const headerText = message.slice(0, split);
  const body = message.slice(split + 4);
  const fields = headerText.split(/\r\n(?![ \t])/);
  const signedNames = ['from', 'to', 'subject', 'date', 'message-id'];
  const signed = signedNames
    .map((name) => fields.find((field) => field.toLowerCase().startsWith(`${name}:`)))
    .filter((field): field is string => field !== undefined);
  const bodyHash = toBase64(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalizeBodyRelaxed(body))),
  );
  const h = signed.map((field) => field.slice(0, field.indexOf(':')).toLowerCase()).join(':');
  const unsigned = `DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=${domain}; s=${selector}; h=${h}; bh=${bodyHash}; b=`;
  const canonical = [...signed.map(canonicalizeHeaderRelaxed), canonicalizeHeaderRelaxed(unsigned)].join('\r\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  const signature = toBase64(await crypto.subtle.sign('Ed25519', key.privateKey, digest));
  return `${unsigned}${signature}\r\n${message}`;
}
