// Grades mailgate's own authentication stage (worker/inbound/authenticate.ts: `authenticate` → mailauth → `buildVerdict`)
// against the public corpus of INDEX.md section 4: DKIM per-signature results, ARC chain results (`cv`), and DMARC
// result + policy. Every message goes through `authenticate()` itself, in Node, with a stub resolver: no network.
// Usage: npm run eval:auth [-- --verbose]   (corpus: $MAILGATE_AUTH_CORPUS or ../shared/corpora/auth)
//
// How each suite reaches mailgate's code, and why:
// - DKIM (dkim_vectors.json): the RFC 8463 message is not in the corpus itself (its `messages` paths name the
//   upstream test folders), but both one-word edits are. Each differs from the signed original in one line, a
//   different one, so the original is rebuilt as the headers of the body edit + the body of the Subject edit; the
//   two signatures passing over the rebuilt bytes is itself the proof that they are the signed bytes. The vectors
//   pin "now" to 2018-06-10; these signatures carry no x= tag, so the clock cannot change their result (mailauth
//   reads the clock itself and `authenticate` takes none).
// - ARC (arc-draft-validation-tests.json): each test's message through `authenticate()` with the test's TXT
//   records; `verdict.arc.result` against `cv`. An empty `cv` (3 tests, a seal that already says cv=fail) is
//   scored as Fail: RFC 8617 5.2 step 2, also how mailauth's own runner reads it. The 5 tests mailauth's own suite
//   skips (test/arc/arc-suite-validation-test.js) are run too, but reported on their own line, not in the score.
// - DMARC (dmarc_mailauth_cases.json): the cases are arguments of mailauth's verifyDmarc (From, the domains whose
//   DKIM passed, the domains whose SPF passed), not messages. Feeding a mailauth-shaped DMARC result to
//   `buildVerdict` would only test that it copies two fields. Instead each case becomes a real message: a From
//   header with the case's address(es), one real DKIM signature (RSA-2048, generated here, l= when the case says
//   the signature is undersized) per DKIM domain, and an envelope whose SPF passes (`MAIL FROM` at the SPF domain,
//   a client IP its synthesized record lists) when the case has an SPF domain. Only those keys and SPF records are
//   synthesized, under names the cases never query; every `_dmarc` answer (records, errors, empty answers) is the
//   one recorded in the case, replayed as is, and any name not recorded is NXDOMAIN. So the full path runs:
//   mailauth's DKIM and SPF, its DMARC with the recorded DNS, then `buildVerdict`. The expected values are
//   mailauth's own output (at the corpus's snapshot; mailgate runs mailauth 7.1.0): this is "agreement with
//   mailauth", not an independent score. mailauth answers `false` when it cannot run DMARC (several From
//   domains); the verdict has no such value and says result `none`, policy null, so `false` is compared as that.
//   The getDmarcRecord cases (record lookups) are graded the same way, with an expectation derived from the record
//   mailauth returned: nothing passes in those messages, so a record gives `fail` with its `p` (its `sp`, falling
//   back to `p`, for a record inherited from the organizational domain), no record gives `none`, a DNS failure
//   `temperror`. That derivation is this script's, so those cases are reported on their own table.
// authenticate.ts imports a mailauth internal whose types live with the worker's sources (its tsconfig includes them).
/// <reference path="../worker/inbound/mailauth-tools.d.ts" />
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dkimSign } from 'mailauth';
import type { AuthVerdict } from '../shared/api/auth.ts';
import { DnsError, type AnswerFor, type DnsErrorCode, type RecordType, type Resolver } from '../shared/dns/resolver.ts';
import { createZoneResolver, type ZoneData } from '../shared/dns/zone-stub.ts';
import { authenticate, type AuthEnvelope } from '../worker/inbound/authenticate.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.MAILGATE_AUTH_CORPUS ?? join(repoRoot, '../shared/corpora/auth');
const verbose = process.argv.includes('--verbose');
/** Disagreement ids printed per suite (all of them with --verbose). */
const SHOWN_DISAGREEMENTS = 10;

type SuiteReport = {
  name: string;
  cases: number;
  agree: number;
  /** `id: what differed`, one per disagreeing case (or signature). */
  disagreements: string[];
  skipped: { id: string; reason: string }[];
};

// ---------------------------------------------------------------------------------------------------------------
// Shared plumbing

function newReport(name: string): SuiteReport {
  return { name, cases: 0, agree: 0, disagreements: [], skipped: [] };
}

function score(report: SuiteReport, id: string, expected: string, got: string): void {
  report.cases += 1;
  if (expected === got) report.agree += 1;
  else report.disagreements.push(`${id}: expected ${expected}, got ${got}`);
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(corpus, relativePath), 'utf8')) as T;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A zone of TXT records only, in the zone stub's shape. */
function txtZone(records: Record<string, string>): ZoneData {
  return Object.fromEntries(Object.entries(records).map(([name, value]) => [name, [{ TXT: value }]]));
}

async function verify(raw: string, envelope: AuthEnvelope, resolver: Resolver): Promise<AuthVerdict> {
  return authenticate(bytes(raw), envelope, { resolver, trustedArcSealers: [] });
}

// ---------------------------------------------------------------------------------------------------------------
// DKIM: per-signature pass/fail on the RFC 8463 message and its two one-word edits

type DkimVector = {
  id: string;
  dns_txt: Record<string, string>;
  /** The clock the source pins; unused, see the header comment. */
  now?: string;
  messages: { path: string }[];
  expected: { signature: number; s: string; result: string }[];
};

/** The vectors' path of the signed RFC 8463 message (mailauth's fixture), which the corpus does not carry. */
const RFC8463_SIGNED_MESSAGE = 'mailauth_tests/test/dkim/ec/fixtures/signed.eml';
const SUBJECT_EDIT = 'dkim_derived/rfc8463-subject-altered.eml';
const BODY_EDIT = 'dkim_derived/rfc8463-body-altered.eml';

/** The signed RFC 8463 message: each derived file changed one line, the Subject edit its body, the body edit its header. */
function rebuildRfc8463Message(): string {
  const headerOfBodyEdit = readFileSync(join(corpus, BODY_EDIT), 'utf8').split(/\r?\n\r?\n/)[0];
  const subjectEdit = readFileSync(join(corpus, SUBJECT_EDIT), 'utf8');
  const bodyOfSubjectEdit = subjectEdit.slice(subjectEdit.search(/\r?\n\r?\n/));
  return headerOfBodyEdit + bodyOfSubjectEdit;
}

/** The message bytes of one vector file; the upstream originals are rebuilt, see the header comment. */
function readVectorMessage(path: string): string | null {
  if (path.startsWith('dkim_derived/'))
    return existsSync(join(corpus, path)) ? readFileSync(join(corpus, path), 'utf8') : null;
  return path === RFC8463_SIGNED_MESSAGE ? rebuildRfc8463Message() : null;
}

async function gradeDkim(): Promise<SuiteReport> {
  const report = newReport('DKIM signatures');
  const { vectors } = readJson<{ vectors: DkimVector[] }>('dkim_vectors.json');
  for (const vector of vectors) {
    const resolver = createZoneResolver(txtZone(vector.dns_txt));
    for (const message of vector.messages) {
      const raw = readVectorMessage(message.path);
      if (raw === null) {
        for (const signature of vector.expected) {
          report.skipped.push({
            id: `${message.path}#${signature.signature}`,
            reason: 'file not in the corpus (upstream dkimpy variant)',
          });
        }
        continue;
      }
      const verdict = await verify(raw, { mailFrom: '' }, resolver);
      for (const signature of vector.expected) {
        const row = verdict.dkim[signature.signature - 1];
        const got = row ? `${row.result} (s=${row.selector})` : 'no signature row';
        score(report, `${vector.id}#${signature.signature}`, `${signature.result} (s=${signature.s})`, got);
      }
    }
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------------------
// ARC: the chain validation result against the suite's cv

type ArcScenario = {
  description: string;
  tests: Record<string, { message: string; cv: string }>;
  'txt-records': Record<string, string>;
};

/** Tests postalsys/mailauth's own runner leaves out (test/arc/arc-suite-validation-test.js), with its reasons. */
const SKIPPED_BY_MAILAUTH = new Map([
  ['as_format_tags_sc', 'ARC-Seal with an extra semicolon'],
  ['as_format_tags_key_case', 'ARC-Seal tag names in upper case'],
  ['as_format_tags_dup', 'duplicate ARC-Seal tag'],
  ['as_format_inv_tag_key', 'unknown ARC-Seal tag key'],
  ['ams_fields_h_empty_added', 'AMS h= names an absent field'],
]);

/** Pass/Fail/None as the verdict spells them; an empty cv is a chain already failed (RFC 8617 5.2 step 2). */
function expectedArcResult(cv: string): string {
  return cv === '' ? 'fail' : cv.toLowerCase();
}

async function gradeArc(): Promise<[SuiteReport, SuiteReport]> {
  const report = newReport('ARC cv');
  const mailauthSkips = newReport('ARC cv, tests mailauth skips');
  const scenarios = readJson<ArcScenario[]>('arc_test_suite/arc-draft-validation-tests.json');
  for (const scenario of scenarios) {
    const resolver = createZoneResolver(txtZone(scenario['txt-records']));
    for (const [id, test] of Object.entries(scenario.tests)) {
      const verdict = await verify(test.message, { mailFrom: '' }, resolver);
      const target = SKIPPED_BY_MAILAUTH.has(id) ? mailauthSkips : report;
      score(target, id, expectedArcResult(test.cv), verdict.arc.result);
    }
  }
  return [report, mailauthSkips];
}

// ---------------------------------------------------------------------------------------------------------------
// DMARC: mailauth's verifyDmarc/getDmarcRecord cases, rebuilt as messages

type RecordedQuery = { name: string; type: string; answer?: string[][]; error?: DnsErrorCode };
type DomainEntry = string | { domain: string; underSized?: number };
type DmarcCase = {
  id: number;
  mailauth_test: string;
  function: 'verifyDmarc' | 'getDmarcRecord';
  input: { headerFrom?: string | string[]; dkimDomains?: DomainEntry[]; spfDomains?: DomainEntry[]; domain?: string };
  dns_queries_in_order: RecordedQuery[];
  mailauth_output: Record<string, unknown> | false;
  mailauth_error?: string;
  summary?: { result: string | null; policy: string | null };
};
type DmarcExpectation = { result: string; policy: string | null };

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

/** Why a case cannot be expressed as a message, or null when it can. */
function unexpressible(testCase: DmarcCase): string | null {
  const from = [testCase.input.headerFrom ?? []].flat();
  if (from.some((address) => !address.includes('@')))
    return 'headerFrom is a bare domain: no From header field carries one';
  if ((testCase.input.spfDomains ?? []).length > 1) return 'several SPF domains: one message has one MAIL FROM';
  return null;
}

async function verdictForCase(testCase: DmarcCase, from: string[]): Promise<AuthVerdict> {
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

/** What a record lookup implies for a message where nothing passes (see the header comment). */
function expectationFromRecord(testCase: DmarcCase): DmarcExpectation {
  const record = testCase.mailauth_output;
  if (testCase.mailauth_error) return { result: 'temperror', policy: null };
  if (!record || typeof record.p !== 'string') return { result: 'none', policy: null };
  const inherited = record.isOrgRecord === true && typeof record.sp === 'string' ? record.sp : record.p;
  return { result: 'fail', policy: String(inherited).toLowerCase() };
}

function formatDmarc(value: DmarcExpectation): string {
  return `${value.result}/${value.policy ?? 'no policy'}`;
}

async function gradeDmarc(): Promise<[SuiteReport, SuiteReport]> {
  const verifyReport = newReport('DMARC (agreement with mailauth)');
  const lookupReport = newReport('DMARC record lookups (derived)');
  const { cases } = readJson<{ cases: DmarcCase[] }>('dmarc_mailauth_cases.json');
  for (const testCase of cases) {
    const id = `#${testCase.id}`;
    const isLookup = testCase.function === 'getDmarcRecord';
    const report = isLookup ? lookupReport : verifyReport;
    const from = isLookup ? [`postmaster@${testCase.input.domain}`] : [testCase.input.headerFrom ?? []].flat();
    const why = isLookup ? null : unexpressible(testCase);
    if (why !== null) {
      report.skipped.push({ id, reason: why });
      continue;
    }
    const expected: DmarcExpectation = isLookup
      ? expectationFromRecord(testCase)
      : { result: testCase.summary?.result ?? 'none', policy: testCase.summary?.policy ?? null };
    const verdict = await verdictForCase(testCase, from);
    const label = verbose ? `${id} (${testCase.mailauth_test})` : id;
    score(
      report,
      label,
      formatDmarc(expected),
      formatDmarc({ result: verdict.dmarc.result, policy: verdict.dmarc.policy }),
    );
  }
  return [verifyReport, lookupReport];
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function printTable(reports: SuiteReport[]): void {
  console.log(
    `${'suite'.padEnd(38)} ${'cases'.padStart(5)} ${'agree'.padStart(5)} ${'disagree'.padStart(8)} ${'skipped'.padStart(7)}  agreement`,
  );
  for (const report of reports) {
    const disagree = report.disagreements.length;
    const percent = report.cases === 0 ? '-' : `${((100 * report.agree) / report.cases).toFixed(1)}%`;
    console.log(
      `${report.name.padEnd(38)} ${String(report.cases).padStart(5)} ${String(report.agree).padStart(5)} ` +
        `${String(disagree).padStart(8)} ${String(report.skipped.length).padStart(7)}  ${percent}`,
    );
  }
}

function printDetails(report: SuiteReport): void {
  if (report.disagreements.length === 0 && report.skipped.length === 0) return;
  console.log(`\n${report.name}`);
  const shown = verbose ? report.disagreements : report.disagreements.slice(0, SHOWN_DISAGREEMENTS);
  for (const line of shown) console.log(`  disagree ${line}`);
  if (shown.length < report.disagreements.length) {
    console.log(`  … ${report.disagreements.length - shown.length} more (--verbose lists them all)`);
  }
  for (const { id, reason } of report.skipped) console.log(`  skipped  ${id}: ${reason}`);
}

if (!existsSync(join(corpus, 'dkim_vectors.json'))) {
  console.error(`no auth corpus at ${corpus} (set MAILGATE_AUTH_CORPUS; see ../shared/corpora/INDEX.md section 4)`);
  process.exit(2);
}

const reports = [...[await gradeDkim()], ...(await gradeArc()), ...(await gradeDmarc())];
console.log(`corpus: ${corpus}\n`);
printTable(reports);
for (const report of reports) printDetails(report);
console.log(
  '\nDMARC rows compare with mailauth (which mailgate runs): agreement, not an independent score. ' +
    'The ARC line "tests mailauth skips" is outside the ARC score.',
);
