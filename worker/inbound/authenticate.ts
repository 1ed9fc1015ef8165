// Stage `authenticate(raw, envelope, deps) → AuthVerdict`: SPF, every DKIM signature, DMARC and ARC, with mailauth.
import { authenticate as runMailauth } from 'mailauth';
import { getAlignment } from 'mailauth/lib/tools.js';
import {
  authVerdictSchema,
  type AuthVerdict,
  type DkimResult,
  type DmarcResult,
  type SpfResult,
} from '../../shared/api/auth.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';
import { readHeaderFields } from './header-fields.ts';
import { installMailauthShims } from './mailauth-shims.ts';
import { readCloudflareReceived, readTopReceived } from './received.ts';

/** The authserv-id of the Authentication-Results mailgate writes (RFC 8601 2.5). */
export const DEFAULT_AUTHSERV_ID = 'mailgate';

export type AuthEnvelope = {
  /** SMTP MAIL FROM; empty for a null sender (bounces). */
  mailFrom: string;
  /** From the relay ingress; when absent, Cloudflare's own top Received header is read. */
  clientIp?: string | null;
  helo?: string | null;
  /** A trusted relay delivered it: its own top Received header (whatever host wrote it) names the SMTP client. */
  trustTopReceived?: boolean;
};

export type AuthDeps = {
  resolver: Resolver;
  /** ARC sealers (`d=` of the ARC-Seal) whose preserved verdict is trusted when DMARC fails here (RFC 8617 7.2). */
  trustedArcSealers: string[];
  /** Kept for symmetry with the other stages; mailauth reads the clock itself for DKIM `x=`. */
  now?: () => Date;
  authservId?: string;
};

const SPF_RESULTS = new Set<string>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);
const DKIM_RESULTS = new Set<string>(['pass', 'fail', 'neutral', 'none', 'policy', 'temperror', 'permerror']);
const DMARC_RESULTS = new Set<string>(['pass', 'fail', 'none', 'temperror', 'permerror']);

type MailauthDkimRow = {
  signingDomain?: string;
  selector?: string;
  status?: { result?: string; comment?: string | false; aligned?: string | false };
};
type MailauthOutput = {
  dkim?: { results?: MailauthDkimRow[]; headerFrom?: string[] };
  spf?: { domain?: string; status?: { result?: string } } | false;
  dmarc?: { status?: { result?: string; header?: { from?: string } }; policy?: string; domain?: string } | false;
  arc?: {
    status?: { result?: string };
    authResults?: string;
    authenticationResults?: { dmarc?: { result?: string } };
    chain?: { 'arc-seal'?: { parsed?: { d?: { value?: string } } } }[];
  } | false;
  headers?: string;
};

installMailauthShims();

/**
 * mailauth's comment on a signature whose body hash differs (RFC 6376 6.1.3: a PERMFAIL). Its default (lenient) mode
 * labels it `neutral`; RFC 8601 2.7.1 keeps `neutral` for signatures that could not be processed and says `fail` for
 * one that failed verification, which is what the verdict and the Authentication-Results mailgate writes must say.
 */
const BODY_HASH_MISMATCH = 'body hash did not verify';

function pick<T extends string>(allowed: Set<string>, value: string | undefined, fallback: T): T {
  return (value && allowed.has(value) ? value : fallback) as T;
}

function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  const domain = (at >= 0 ? address.slice(at + 1) : address).replace(/[<>\s]/g, '').toLowerCase();
  return domain || null;
}

/** Relaxed alignment (RFC 7489 3.1): the same Organizational Domain, by the Public Suffix List. */
function alignsRelaxed(fromDomain: string | null, domain: string | null): boolean {
  if (!fromDomain || !domain) return false;
  return Boolean(getAlignment(fromDomain, [domain], false));
}

function readSealers(output: MailauthOutput): string[] {
  const chain = output.arc ? output.arc.chain : undefined;
  if (!Array.isArray(chain)) return [];
  return chain.map((entry) => String(entry['arc-seal']?.parsed?.d?.value ?? '').toLowerCase()).filter(Boolean);
}

function readDkimResult(row: MailauthDkimRow): DkimResult {
  const result = pick<DkimResult>(DKIM_RESULTS, row.status?.result, 'neutral');
  return result === 'neutral' && row.status?.comment === BODY_HASH_MISMATCH ? 'fail' : result;
}

function readMailauthAuthenticationResults(output: MailauthOutput, authservId: string): string {
  if (output.arc && output.arc.authResults) return output.arc.authResults;
  const line = output.headers?.split(/\r?\n(?=\S)/).find((header) => /^Authentication-Results:/i.test(header));
  return line ? line.replace(/^Authentication-Results:\s*/i, '').trim() : `${authservId}; none`;
}

/** mailauth's `spf=` clause: up to the next `;` (RFC 8601 2.2: resinfo clauses are separated by semicolons). */
const SPF_CLAUSE = /(^|;\s*)spf=[^;]*/;

/**
 * mailauth's field value, with the corrections the verdict makes, so that the field says what the verdict says:
 * a body-hash mismatch is `dkim=fail` (readDkimResult), and without a client IP SPF was not checked at all
 * (mailauth would write `spf=temperror … smtp.mailfrom=postmaster@undefined`).
 */
function readAuthenticationResults(output: MailauthOutput, authservId: string, clientIp: string | null): string {
  const value = readMailauthAuthenticationResults(output, authservId).replaceAll(
    `dkim=neutral (${BODY_HASH_MISMATCH})`,
    `dkim=fail (${BODY_HASH_MISMATCH})`,
  );
  return clientIp ? value : value.replace(SPF_CLAUSE, '$1spf=none (no client IP known to check)');
}

/** Turns mailauth's result into the verdict, applying RFC 7489 3.1 and the trusted-sealer rule. */
export function buildVerdict(
  output: MailauthOutput,
  client: { clientIp: string | null; helo: string | null },
  trustedArcSealers: string[],
  authservId: string,
): AuthVerdict {
  const fromDomain =
    (output.dmarc && output.dmarc.status?.header?.from?.toLowerCase()) || domainOf(output.dkim?.headerFrom?.[0]);
  // Without a client IP nothing was checked (mailauth then reports `postmaster@undefined` for a null sender).
  const spfDomain = (client.clientIp && output.spf && output.spf.domain?.toLowerCase()) || null;
  const spfResult: SpfResult = client.clientIp
    ? pick<SpfResult>(SPF_RESULTS, output.spf ? output.spf.status?.result : undefined, 'none')
    : 'none';
  const dkim = (output.dkim?.results ?? [])
    .filter((row) => row.signingDomain)
    .map((row) => {
      const result = readDkimResult(row);
      return {
        domain: String(row.signingDomain).toLowerCase(),
        selector: String(row.selector ?? ''),
        result,
        aligned: result === 'pass' && alignsRelaxed(fromDomain, String(row.signingDomain)),
      };
    });
  const dmarcResult: DmarcResult = output.dmarc ? pick<DmarcResult>(DMARC_RESULTS, output.dmarc.status?.result, 'none') : 'none';
  const policy = output.dmarc && output.dmarc.policy;
  const dmarc = {
    result: dmarcResult,
    policy: policy === 'none' || policy === 'quarantine' || policy === 'reject' ? policy : null,
    domain: fromDomain,
  };
  const arcResult = pick<'pass' | 'fail' | 'none'>(
    new Set(['pass', 'fail', 'none']),
    output.arc ? output.arc.status?.result : undefined,
    'none',
  );
  const sealers = readSealers(output);
  const outermostSealer = sealers.at(-1) ?? null;
  const trusted = new Set(trustedArcSealers.map((sealer) => sealer.toLowerCase()));
  const preservedDmarc = output.arc ? output.arc.authenticationResults?.dmarc?.result : undefined;

  let authenticated = false;
  let reason: string;
  let trustedSealer: string | null = null;
  const alignedDkim = dkim.find((row) => row.aligned);
  const spfAligned = spfResult === 'pass' && alignsRelaxed(fromDomain, spfDomain);
  if (!fromDomain) {
    reason = 'no single From domain to authenticate (RFC 7489 6.6.1)';
  } else if (dmarcResult === 'pass') {
    authenticated = true;
    reason = `DMARC pass for ${fromDomain}`;
  } else if (
    dmarcResult === 'fail' &&
    arcResult === 'pass' &&
    outermostSealer &&
    trusted.has(outermostSealer) &&
    preservedDmarc === 'pass'
  ) {
    // RFC 8617 7.2: a receiver may use the verdict a trusted intermediary recorded before it changed the message.
    authenticated = true;
    trustedSealer = outermostSealer;
    reason = `DMARC failed after forwarding, but trusted ARC sealer ${outermostSealer} recorded dmarc=pass`;
  } else if (dmarcResult === 'none' && alignedDkim) {
    authenticated = true;
    reason = `no DMARC record for ${fromDomain}; aligned DKIM pass by ${alignedDkim.domain}`;
  } else if (dmarcResult === 'none' && spfAligned) {
    authenticated = true;
    reason = `no DMARC record for ${fromDomain}; aligned SPF pass for ${spfDomain}`;
  } else if (dmarcResult === 'none') {
    reason = `no DMARC record for ${fromDomain} and no aligned DKIM or SPF pass`;
  } else {
    reason = `DMARC ${dmarcResult} for ${fromDomain}`;
  }

  return authVerdictSchema.parse({
    spf: { result: spfResult, domain: spfDomain, clientIp: client.clientIp, helo: client.helo },
    dkim,
    dmarc,
    arc: { result: arcResult, sealers, trustedSealer },
    authenticated,
    reason,
    authenticationResults: readAuthenticationResults(output, authservId, client.clientIp),
  });
}

/**
 * Verifies the raw message as received. The client IP and HELO are the ones given, else those of the top Received
 * header when a trusted relay wrote it, else of Cloudflare's own; without either, SPF is `none` (nothing to check).
 */
export async function authenticate(raw: Uint8Array, envelope: AuthEnvelope, deps: AuthDeps): Promise<AuthVerdict> {
  const authservId = deps.authservId ?? DEFAULT_AUTHSERV_ID;
  const readReceived = envelope.trustTopReceived ? readTopReceived : readCloudflareReceived;
  const fromReceived = envelope.clientIp ? null : readReceived(readHeaderFields(raw));
  const clientIp = envelope.clientIp ?? fromReceived?.clientIp ?? null;
  const helo = envelope.helo ?? fromReceived?.helo ?? null;
  // mailauth reads a Uint8Array as it reads a Buffer; its types only name Buffer.
  const input = raw as unknown as Parameters<typeof runMailauth>[0];
  const output = (await runMailauth(input, {
    // Never trustReceived: mailauth would read whichever Received header it finds first, sender-written or not.
    sender: envelope.mailFrom || '',
    ...(clientIp ? { ip: clientIp } : {}),
    ...(helo ? { helo } : {}),
    mta: authservId,
    resolver: deps.resolver,
    disableBimi: true,
  } as Parameters<typeof runMailauth>[1])) as unknown as MailauthOutput;
  return buildVerdict(output, { clientIp, helo }, deps.trustedArcSealers, authservId);
}
