// DMARC: mailauth's verifyDmarc cases (agreement with mailauth) and getDmarcRecord cases (an expectation derived from
// the record), each run as a message.
import { type DmarcCase, verdictForCase } from './dmarc-message.ts';
import { readJson } from './corpus.ts';
import { newReport, score, type SuiteReport } from './report.ts';

type DmarcExpectation = { result: string; policy: string | null };

/** Why a case cannot be expressed as a message, or null when it can. */
function unexpressible(testCase: DmarcCase): string | null {
  const from = [testCase.input.headerFrom ?? []].flat();
  if (from.some((address) => !address.includes('@')))
    return 'headerFrom is a bare domain: no From header field carries one';
  if ((testCase.input.spfDomains ?? []).length > 1) return 'several SPF domains: one message has one MAIL FROM';
  return null;
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

export async function gradeDmarc(verbose: boolean): Promise<[SuiteReport, SuiteReport]> {
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
