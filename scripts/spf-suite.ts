// Reads the OpenSPF test suites of the SPF corpus (RFC 7208, RFC 4408, pyspf's own) in their flattened JSON form.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZoneData } from '../shared/dns/zone-stub.ts';

export type SpfSuiteTest = {
  scenario: string;
  test: string;
  host: string;
  mailfrom: string;
  helo: string;
  /** Every acceptable result; the first is the preferred one. */
  expected_result: string[];
  expected_explanation: string | null;
  spec: string | null;
  zonedata: ZoneData;
};

/** The suite's driver sets the default explanation to "DEFAULT": it stands for "no exp= text". */
export const DEFAULT_EXPLANATION = 'DEFAULT';

export const SPF_SUITE_FILES = ['rfc7208-tests.json', 'rfc4408-tests.json', 'test.json'] as const;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const spfCorpusDir = process.env.MAILGATE_SPF_CORPUS ?? path.resolve(repoRoot, '../shared/corpora/spf');

export async function readSpfSuite(file: string): Promise<SpfSuiteTest[]> {
  const suite = JSON.parse(await readFile(path.join(spfCorpusDir, file), 'utf8')) as { tests: SpfSuiteTest[] };
  return suite.tests;
}

/** The explanation a test expects, `undefined` for "no exp= text", `null` when the test does not check it. */
export function readExpectedExplanation(test: SpfSuiteTest): string | undefined | null {
  if (test.expected_explanation === null) return null;
  return test.expected_explanation === DEFAULT_EXPLANATION ? undefined : test.expected_explanation;
}
