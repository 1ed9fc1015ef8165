// What the delivery log may keep of a receiver's answer: a short snippet with anything that looks like a credential
// masked. A target can answer with whatever it holds (cloud metadata credentials, our own signing headers echoed
// back), and the log is readable through the API: it must help an admin debug, never leak.

/** Characters of an answer kept in the delivery log: enough to see an error message. */
export const SNIPPET_CHARS = 256;
const MASK = '[redacted]';

/** `"password": "…"`, `api_key=…`, `SecretAccessKey: …`, `Token=…`: a key naming a credential, then its value. */
const CREDENTIAL_FIELD =
  /(["']?)([\w.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|apikey|authorization|credential|session|cookie|private[_-]?key|access[_-]?key|signature)[\w.-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s,;&}<>]+)/gi;
/** HTTP authorization schemes followed by their credentials (RFC 9110 11.4). */
const AUTHORIZATION_VALUE = /\b(Bearer|Basic|Digest|Token|whsec_)\s*[\w.~+/=-]{6,}/gi;
/** PEM blocks (private keys, certificates): nothing in them is for a log. */
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;
/** Long opaque strings (keys, session tokens, JWT segments) that mix letters and digits; UUIDs are left readable. */
const OPAQUE_RUN = /[A-Za-z0-9+/_=-]{32,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function maskOpaque(run: string): string {
  return UUID.test(run) || !/[A-Za-z]/.test(run) || !/\d/.test(run) ? run : MASK;
}

function maskFieldValue(_match: string, quote: string, key: string, separator: string, value: string): string {
  const quoted = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${quote}${key}${quote}${separator}${quoted}${MASK}${quoted}`;
}

/**
 * Masks credentials in `text` (the known secret values first, then anything shaped like one), then keeps at most
 * `maxChars` characters on one line. Redaction runs before the cut, so a secret cannot slip through half-masked.
 */
export function redactForLog(text: string, knownSecrets: readonly string[] = [], maxChars = SNIPPET_CHARS): string {
  let redacted = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) redacted = redacted.split(secret).join(MASK);
  }
  redacted = redacted
    .replace(PEM_BLOCK, MASK)
    .replace(AUTHORIZATION_VALUE, (_match, scheme: string) => `${scheme}${scheme.endsWith('_') ? '' : ' '}${MASK}`)
    .replace(CREDENTIAL_FIELD, maskFieldValue)
    .replace(OPAQUE_RUN, maskOpaque)
    .replace(/[\u0000-\u001F\u007F]+/g, ' ');
  return redacted.length > maxChars ? `${redacted.slice(0, maxChars - 1)}…` : redacted;
}
