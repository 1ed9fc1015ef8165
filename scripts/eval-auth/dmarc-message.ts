// A DMARC case of mailauth's suite made into a real message: its From, real DKIM signatures, a passing SPF envelope,
// and the case's recorded DNS replayed (see eval-auth.ts's header).
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import {
  DnsError,
  type AnswerFor,
  type DnsErrorCode,
  type RecordType,
  type Resolver,
} from '../../shared/dns/resolver.ts';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import type { AuthEnvelope } from '../../worker/inbound/authenticate.ts';
import { bytes, verify } from './corpus.ts';

type RecordedQuery = { name: string; type: string; answer?: string[][]; error?: DnsErrorCode };
type DomainEntry = string | { domain: string; underSized?: number };
export type DmarcCase = {
  id: number;
  mailauth_test: string;
  function: 'verifyDmarc' | 'getDmarcRecord';
  input: { headerFrom?: string | string[]; dkimDomains?: DomainEntry[]; spfDomains?: DomainEntry[]; domain?: string };
  dns_queries_in_order: RecordedQuery[];
  mailauth_output: Record<string, unknown> | false;
  mailauth_error?: string;
  summary?: { result: string | null; policy: string | null };
};
/** A client IP for the synthesized SPF records (RFC 5737 documentation range). */
const SPF_CLIENT_IP = '192.0.2.25';
const DKIM_SELECTOR = 'mailgate-eval';
/** Ten lines of 79 characters: long enough for the largest `underSized` (500) to leave a signed part. */
const DMARC_BODY =
  Array.from({ length: 10 }, (_, line) => `Line ${line}: ${'the DMARC evaluation body '.repeat(3)}`.slice(0, 79)).join(
    '\r\n',
  ) + '\r\n';

const dkimKeyPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimPrivateKeyPem = dkimKeyPair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const dkimKeyRecord = `v=DKIM1; k=rsa; p=${dkimKeyPair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

function entryDomain(entry: DomainEntry): string {
  return typeof entry === 'string' ? entry : entry.domain;
}

/** The case's recorded DNS first, exactly as recorded; then the synthesized keys and SPF records; else NXDOMAIN. */
function replayResolver(recorded: RecordedQuery[], synthesized: ZoneData): Resolver {
  const answers = new Map(recorded.map((query) => [`${query.name.toLowerCase()} ${query.type}`, query]));
  const zone = createZoneResolver(synthesized);
  return async function resolveRecorded<T extends RecordType>(name: string, type: T): Promise<AnswerFor<T>> {
    const query = answers.get(`${name.toLowerCase().replace(/\.$/, '')} ${type}`);
    if (!query) return zone(name, type);
    if (query.error) throw new DnsError(query.error, name, type);
    return (query.answer ?? []) as AnswerFor<T>;
  };
}

function buildUnsignedMessage(from: string[]): string {
  return [
    `From: ${from.join(', ')}`,
    'To: dmarc-eval@mailgate.invalid',
    'Subject: DMARC evaluation',
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    'Message-ID: <dmarc-eval@mailgate.invalid>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    DMARC_BODY,
  ].join('\r\n');
}

/** One signature per DKIM domain; `underSized` bytes of the body are left out of it with l= (RFC 6376 3.5). */
async function signMessage(message: string, dkimDomains: DomainEntry[]): Promise<string> {
  if (dkimDomains.length === 0) return message;
  const signatureData = dkimDomains.map((entry) => {
    const underSized = typeof entry === 'string' ? 0 : (entry.underSized ?? 0);
    return {
      signingDomain: entryDomain(entry),
      selector: DKIM_SELECTOR,
      privateKey: dkimPrivateKeyPem,
      ...(underSized > 0 ? { maxBodyLength: bytes(DMARC_BODY).length - underSized } : {}),
    };
  });
  const signed = await dkimSign(message, { signatureData } as Parameters<typeof dkimSign>[1]);
  if (signed.errors.length > 0) throw new Error(`signing failed: ${JSON.stringify(signed.errors)}`);
  return signed.signatures + message;
}

export async function verdictForCase(testCase: DmarcCase, from: string[]): Promise<AuthVerdict> {
  const dkimDomains = testCase.input.dkimDomains ?? [];
  const spfDomain = testCase.input.spfDomains?.[0];
  const synthesized: ZoneData = {};
  for (const entry of dkimDomains)
    synthesized[`${DKIM_SELECTOR}._domainkey.${entryDomain(entry)}`] = [{ TXT: dkimKeyRecord }];
  const envelope: AuthEnvelope = { mailFrom: '' };
  if (spfDomain !== undefined) {
    synthesized[entryDomain(spfDomain)] = [{ TXT: `v=spf1 ip4:${SPF_CLIENT_IP} -all` }];
    envelope.mailFrom = `bounces@${entryDomain(spfDomain)}`;
    envelope.clientIp = SPF_CLIENT_IP;
  }
  const raw = await signMessage(buildUnsignedMessage(from), dkimDomains);
  return verify(raw, envelope, replayResolver(testCase.dns_queries_in_order, synthesized));
}
