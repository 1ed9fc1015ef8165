// ARC: the chain validation result of each test of the suite against its cv.
import { createZoneResolver } from '../../shared/dns/zone-stub.ts';
import { readJson, txtZone, verify } from './corpus.ts';
import { newReport, score, type SuiteReport } from './report.ts';

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

export async function gradeArc(): Promise<[SuiteReport, SuiteReport]> {
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
