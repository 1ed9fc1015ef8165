// Grades `mailgate spf-check` against the OpenSPF RFC 7208 suite (and RFC 4408 as secondary), through the CLI's own code path.
// Usage: npm run eval:spf [-- --verbose]   (corpus directory: $MAILGATE_SPF_CORPUS, default ../shared/corpora/spf)
import { runSpfCheckLine } from '../cli/commands/spf-check.ts';
import { DEFAULT_EXPLANATION, readExpectedExplanation, readSpfSuite } from './spf-suite.ts';

type Tally = {
  total: number;
  acceptable: number;
  preferred: number;
  explanationsChecked: number;
  explanationsMatched: number;
};

/** The bar the primary suite must clear (RFC 7208 compliance target). */
const TARGET_ACCEPTABLE_PERCENT = 97;

const verbose = process.argv.includes('--verbose');

function createTally(): Tally {
  return { total: 0, acceptable: 0, preferred: 0, explanationsChecked: 0, explanationsMatched: 0 };
}

function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

async function gradeSuite(file: string): Promise<{ total: Tally; failures: string[] }> {
  const byScenario = new Map<string, Tally>();
  const total = createTally();
  const failures: string[] = [];
  for (const test of await readSpfSuite(file)) {
    const line = JSON.stringify({ zone: test.zonedata, ip: test.host, sender: test.mailfrom, helo: test.helo });
    const output = await runSpfCheckLine(line);
    const scenario = byScenario.get(test.scenario) ?? createTally();
    byScenario.set(test.scenario, scenario);
    const result = 'error' in output ? `error: ${output.error}` : output.result;
    const explanation = 'error' in output ? undefined : output.explanation;
    const isAcceptable = test.expected_result.includes(result);
    const isPreferred = test.expected_result[0] === result;
    let isExplanationOk = true;
    const expected = readExpectedExplanation(test);
    if (expected !== null) {
      isExplanationOk = explanation === expected;
      for (const tally of [scenario, total]) {
        tally.explanationsChecked += 1;
        if (isExplanationOk) tally.explanationsMatched += 1;
      }
    }
    for (const tally of [scenario, total]) {
      tally.total += 1;
      if (isAcceptable && isExplanationOk) tally.acceptable += 1;
      if (isPreferred && isExplanationOk) tally.preferred += 1;
    }
    if (!isAcceptable || !isExplanationOk) {
      const why = !isAcceptable
        ? `got ${result}, expected ${test.expected_result.join(' or ')}`
        : `explanation ${JSON.stringify(explanation ?? DEFAULT_EXPLANATION)}, expected ${JSON.stringify(test.expected_explanation)}`;
      failures.push(`  FAIL ${test.scenario} / ${test.test} (RFC ${test.spec}): ${why}`);
    } else if (!isPreferred && verbose) {
      failures.push(
        `  note ${test.scenario} / ${test.test}: ${result} is acceptable, ${test.expected_result[0]} preferred`,
      );
    }
  }
  console.log(`\n${file}`);
  console.log(`  ${'scenario'.padEnd(42)} tests  acceptable  preferred  explanations`);
  for (const [name, tally] of byScenario) {
    console.log(
      `  ${name.padEnd(42)} ${String(tally.total).padStart(5)}  ${formatPercent(tally.acceptable, tally.total).padStart(10)}  ` +
        `${formatPercent(tally.preferred, tally.total).padStart(9)}  ${tally.explanationsMatched}/${tally.explanationsChecked}`,
    );
  }
  console.log(
    `  ${'TOTAL'.padEnd(42)} ${String(total.total).padStart(5)}  ${formatPercent(total.acceptable, total.total).padStart(10)}  ` +
      `${formatPercent(total.preferred, total.total).padStart(9)}  ${total.explanationsMatched}/${total.explanationsChecked}`,
  );
  console.log(`  acceptable ${total.acceptable}/${total.total}, preferred ${total.preferred}/${total.total}`);
  for (const failure of failures) console.log(failure);
  return { total, failures };
}

const primary = await gradeSuite('rfc7208-tests.json');
await gradeSuite('rfc4408-tests.json');
const percent = (100 * primary.total.acceptable) / primary.total.total;
console.log(`\nRFC 7208 suite: ${percent.toFixed(1)}% acceptable (target ${TARGET_ACCEPTABLE_PERCENT}%)`);
process.exitCode = percent >= TARGET_ACCEPTABLE_PERCENT ? 0 : 1;
