// Stage `authenticate(raw, envelope, deps) → AuthVerdict`: SPF (shared/dns/spf), every DKIM signature, ARC and DMARC (mailauth).
import { arc as verifyArc, dkimVerify, dmarc as verifyDmarc } from 'mailauth';
import { formatAuthHeaderRow, getAlignment } from 'mailauth/lib/tools.js';
import {
  authVerdictSchema,
  type AuthVerdict,
  type DkimResult,
  type DmarcResult,
  type SpfResult,
} from '../../shared/api/auth.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';
import { evaluateSpf, type SpfEvaluation } from '../../shared/dns/spf/evaluate.ts';
import { readHeaderFields } from './header-fields.ts';
import { readMailauthInput } from './mailauth-input.ts';
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

const DKIM_RESULTS = new Set<string>(['pass', 'fail', 'neutral', 'none', 'policy', 'temperror', 'permerror']);
const DMARC_RESULTS = new Set<string>(['pass', 'fail', 'none', 'temperror', 'permerror']);

type MailauthDkimRow = {
  id?: string;
  signingDomain?: string;
  selector?: string;
  info?: string;
  status?: { result?: string; comment?: string | false; aligned?: string | false; underSized?: number };
};
type MailauthDkim = { results?: MailauthDkimRow[]; headerFrom?: string[]; fromFields?: number; arc?: unknown };
type MailauthDmarc = {
  status?: { result?: string; header?: { from?: string } };
  policy?: string;
  domain?: string;
  info?: string;
};
type MailauthArc = {
  status?: { result?: string };
  info?: string;
  authenticationResults?: { dmarc?: { result?: string } };
  chain?: { 'arc-seal'?: { parsed?: { d?: { value?: string } } } }[];
};

/** What the verifiers found: mailauth's DKIM, ARC and DMARC; mailgate's SPF (null: no client IP, nothing checked). */
type VerifierOutput = { dkim: MailauthDkim; spf: SpfEvaluation | null; arc: MailauthArc; dmarc: MailauthDmarc | false };

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

function readSealers(output: VerifierOutput): string[] {
  const chain = output.arc.chain;
  if (!Array.isArray(chain)) return [];
  return chain.map((entry) => String(entry['arc-seal']?.parsed?.d?.value ?? '').toLowerCase()).filter(Boolean);
}

function readDkimResult(row: MailauthDkimRow): DkimResult {
  const result = pick<DkimResult>(DKIM_RESULTS, row.status?.result, 'neutral');
  return result === 'neutral' && row.status?.comment === BODY_HASH_MISMATCH ? 'fail' : result;
}

/** The `dkim=` clause of one signature, saying `fail` where mailauth's lenient mode says `neutral` (readDkimResult). */
function formatDkimClause(row: MailauthDkimRow): string {
  const info = row.info ?? 'dkim=none';
  return readDkimResult(row) === 'fail' ? info.replace(/^dkim=neutral/, 'dkim=fail') : info;
}

/** The `spf=` clause (RFC 8601 2.7.2): the identity checked, and why, as a comment. */
function formatSpfClause(spf: SpfEvaluation | null, envelope: { mailFrom: string; helo: string | null }): string {
  if (!spf) return 'spf=none (no client IP known to check)';
  return formatAuthHeaderRow('spf', {
    result: spf.result,
    comment: spf.reason,
    smtp: { mailfrom: envelope.mailFrom, helo: envelope.helo ?? '' },
  });
}

/**
 * The Authentication-Results value (RFC 8601 2.2), clauses in the order mailauth writes them: every DKIM signature,
 * SPF, ARC, DMARC.
 */
function formatAuthenticationResults(
  output: VerifierOutput,
  envelope: { mailFrom: string; helo: string | null },
  authservId: string,
): string {
  const clauses = [
    ...(output.dkim.results ?? []).map(formatDkimClause),
    formatSpfClause(output.spf, envelope),
    output.arc.info,
    output.dmarc ? output.dmarc.info : undefined,
  ].filter((clause): clause is string => Boolean(clause));
  return `${authservId};\r\n ${clauses.join(';\r\n ')}`;
}

/** Turns the verifiers' findings into the verdict, applying RFC 7489 3.1 and the trusted-sealer rule. */
function buildVerdict(
  output: VerifierOutput,
  client: { mailFrom: string; clientIp: string | null; helo: string | null },
  trustedArcSealers: string[],
  authservId: string,
): AuthVerdict {
  const fromDomain =
    (output.dmarc && output.dmarc.status?.header?.from?.toLowerCase()) || domainOf(output.dkim.headerFrom?.[0]);
  const spfDomain = output.spf?.domain.toLowerCase() || null;
  const spfResult: SpfResult = output.spf?.result ?? 'none';
  const dkim = (output.dkim.results ?? [])
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
  const dmarcResult: DmarcResult = output.dmarc
    ? pick<DmarcResult>(DMARC_RESULTS, output.dmarc.status?.result, 'none')
    : 'none';
  const policy = output.dmarc && output.dmarc.policy;
  const dmarc = {
    result: dmarcResult,
    policy: policy === 'none' || policy === 'quarantine' || policy === 'reject' ? policy : null,
    domain: fromDomain,
  };
  const arcResult = pick<'pass' | 'fail' | 'none'>(
    new Set(['pass', 'fail', 'none']),
    output.arc.status?.result,
    'none',
  );
  const sealers = readSealers(output);
  const outermostSealer = sealers.at(-1) ?? null;
  const trusted = new Set(trustedArcSealers.map((sealer) => sealer.toLowerCase()));
  const preservedDmarc = output.arc.authenticationResults?.dmarc?.result;

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
    authenticationResults: formatAuthenticationResults(output, client, authservId),
  });
}

/**
 * Runs the verifiers in the order DMARC needs them (RFC 7489 4.2: it reads the SPF and DKIM results). mailauth's own
 * `authenticate()` would run its SPF too and cannot take one from outside, so its DKIM, ARC and DMARC verifiers are
 * called one by one around mailgate's SPF (RFC 7208 `check_host()`, shared with the CLI and the DNS checks).
 */
async function runVerifiers(
  raw: Uint8Array,
  client: { mailFrom: string; clientIp: string | null; helo: string | null },
  resolver: Resolver,
  authservId: string,
): Promise<VerifierOutput> {
  // mailauth reads a Uint8Array as it reads a Buffer, and pipes a stream; its types only name Buffer.
  const input = readMailauthInput(raw) as unknown as Parameters<typeof dkimVerify>[0];
  const mailauthResolver = resolver as unknown as NonNullable<Parameters<typeof dkimVerify>[1]>['resolver'];
  const dkim = (await dkimVerify(input, { resolver: mailauthResolver })) as MailauthDkim;
  const spf = client.clientIp
    ? await evaluateSpf(
        { ip: client.clientIp, sender: client.mailFrom, helo: client.helo ?? '', receiver: authservId },
        resolver,
      )
    : null;
  const arc = (await verifyArc(dkim.arc as Parameters<typeof verifyArc>[0], {
    resolver: mailauthResolver,
  })) as MailauthArc;
  const passingDkim = (dkim.results ?? []).filter((row) => row.status?.result === 'pass' && row.signingDomain);
  const dmarc = dkim.headerFrom
    ? ((await verifyDmarc({
        headerFrom: dkim.headerFrom,
        ...(dkim.fromFields === undefined ? {} : { fromFields: dkim.fromFields }),
        spfDomains: spf?.result === 'pass' ? [spf.domain] : [],
        dkimDomains: passingDkim.map((row) => ({
          ...(row.id ? { id: row.id } : {}),
          domain: String(row.signingDomain),
          aligned: row.status?.aligned ?? false,
          ...(row.status?.underSized ? { underSized: row.status.underSized } : {}),
        })),
        arcResult: arc as Parameters<typeof verifyDmarc>[0]['arcResult'],
        resolver: mailauthResolver,
      })) as MailauthDmarc | false)
    : false;
  return { dkim, spf, arc, dmarc };
}

/**
 * Verifies the raw message as received. The client IP and HELO are the ones given, else those of the top Received
 * header when a trusted relay wrote it, else of Cloudflare's own; without either, SPF is `none` (nothing to check).
 */
export async function authenticate(raw: Uint8Array, envelope: AuthEnvelope, deps: AuthDeps): Promise<AuthVerdict> {
  const authservId = deps.authservId ?? DEFAULT_AUTHSERV_ID;
  // Never the first Received header mailauth would find: only the one our own ingress (or a trusted relay) wrote.
  const readReceived = envelope.trustTopReceived ? readTopReceived : readCloudflareReceived;
  const fromReceived = envelope.clientIp ? null : readReceived(readHeaderFields(raw));
  const client = {
    mailFrom: envelope.mailFrom || '',
    clientIp: envelope.clientIp ?? fromReceived?.clientIp ?? null,
    helo: envelope.helo ?? fromReceived?.helo ?? null,
  };
  const output = await runVerifiers(raw, client, deps.resolver, authservId);
  return buildVerdict(output, client, deps.trustedArcSealers, authservId);
}
