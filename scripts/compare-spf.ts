// Runs mailgate's SPF evaluator and mailauth's side by side on the SPF suites and the auth corpus, same stub resolver.
// Usage: npm run eval:spf:compare [-- --verbose]   (corpora: $MAILGATE_SPF_CORPUS, $MAILGATE_AUTH_CORPUS, ../shared/corpora)
//
// Prints, per engine: acceptable/preferred results and exp= texts on each suite; the tests where the engines disagree
// (with the RFC section the suite cites); how each counts DNS-querying terms and void lookups (RFC 7208 4.6.4) and how
// many DNS queries it really sends; its result when DNS times out (RFC 7208 2.6.6, 5); the SPF checks of the auth
// corpus; and the CPU cost of one evaluation.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import type { Resolver } from '../shared/dns/resolver.ts';
import { evaluateSpf } from '../shared/dns/spf/index.ts';
import { createZoneResolver, type ZoneData } from '../shared/dns/zone-stub.ts';
import { readExpectedExplanation, readSpfSuite, SPF_SUITE_FILES, type SpfSuiteTest } from './spf-suite.ts';
import { SPF_TIMEOUT_CASES } from '../shared/dns/spf/testing/timeout-cases.ts';

type SpfInput = { ip: string; sender: string; helo: string };
type Outcome = { result: string; explanation?: string; lookups: number; voidLookups: number };
type Engine = { name: string; evaluate(input: SpfInput, resolver: Resolver): Promise<Outcome> };
type Measured = Outcome & { queries: number; distinctQueries: number };

const verbose = process.argv.includes('--verbose');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const authCorpus = process.env.MAILGATE_AUTH_CORPUS ?? path.join(repoRoot, '../shared/corpora/auth');
/** Whole passes over every suite test per engine when timing; the median pass is reported. */
const TIMING_PASSES = 7;

const ownEngine: Engine = {
  name: 'mailgate',
  async evaluate(input, resolver) {
    const evaluation = await evaluateSpf(input, resolver);
    return {
      result: evaluation.result,
      ...(evaluation.explanation === undefined ? {} : { explanation: evaluation.explanation }),
      lookups: evaluation.lookups,
      voidLookups: evaluation.voidLookups,
    };
  },
};

/** mailauth's spf(), given what its authenticate() gives it: HELO defaults to the IP, an IP HELO is bracketed. */
function createMailauthEngine(strict: boolean): Engine {
  return {
    name: strict ? 'mailauth strict' : 'mailauth',
    async evaluate(input, resolver) {
      const helo = input.helo || input.ip;
      const output = await mailauthSpf({
        sender: input.sender,
        ip: input.ip,
        helo: isIP(helo) ? `[${helo}]` : helo,
        mta: 'mailgate',
        resolver: resolver as never,
        strict,
      });
      return {
        result: output.status.result,
        ...(output.explanation === undefined ? {} : { explanation: output.explanation }),
        lookups: output.lookups?.count ?? 0,
        voidLookups: output.lookups?.void ?? 0,
      };
    },
  };
}

const engines: Engine[] = [ownEngine, createMailauthEngine(false), createMailauthEngine(true)];

/** Counts the queries an evaluation sends (a Worker pays each as a DNS-over-HTTPS subrequest on a cold cache). */
function countQueries(resolver: Resolver): { resolver: Resolver; count: () => number; distinct: () => number } {
  const questions: string[] = [];
  const counting: Resolver = (name, type) => {
    questions.push(`${type} ${name.toLowerCase()}`);
    return resolver(name, type);
  };
  return { resolver: counting, count: () => questions.length, distinct: () => new Set(questions).size };
}

async function measure(engine: Engine, input: SpfInput, zone: ZoneData): Promise<Measured> {
  const counter = countQueries(createZoneResolver(zone));
  const outcome = await engine.evaluate(input, counter.resolver);
  return { ...outcome, queries: counter.count(), distinctQueries: counter.distinct() };
}

function inputOf(test: SpfSuiteTest): SpfInput {
  return { ip: test.host, sender: test.mailfrom, helo: test.helo };
}

// ---------------------------------------------------------------------------------------------------------------
// The suites: scores, disagreements, lookup counting

type SuiteRun = { file: string; tests: SpfSuiteTest[]; outcomes: Measured[][] };

async function runSuite(file: string): Promise<SuiteRun> {
  const tests = await readSpfSuite(file);
  const outcomes: Measured[][] = [];
  for (const test of tests)
    outcomes.push(await Promise.all(engines.map((engine) => measure(engine, inputOf(test), test.zonedata))));
  return { file, tests, outcomes };
}

function isAcceptable(test: SpfSuiteTest, outcome: Outcome): boolean {
  const explanation = readExpectedExplanation(test);
  return test.expected_result.includes(outcome.result) && (explanation === null || outcome.explanation === explanation);
}

function isPreferred(test: SpfSuiteTest, outcome: Outcome): boolean {
  return test.expected_result[0] === outcome.result && isAcceptable(test, outcome);
}

function printScores(runs: SuiteRun[]): void {
  console.log('Suite scores (acceptable / preferred; exp= texts matched of those checked)');
  console.log(
    `  ${'suite'.padEnd(20)} ${'tests'.padStart(5)}  ${engines.map((engine) => engine.name.padEnd(30)).join('')}`,
  );
  for (const run of runs) {
    const cells = engines.map((_, index) => {
      const acceptable = run.tests.filter((test, row) => isAcceptable(test, run.outcomes[row]![index]!)).length;
      const preferred = run.tests.filter((test, row) => isPreferred(test, run.outcomes[row]![index]!)).length;
      const checked = run.tests.filter((test) => readExpectedExplanation(test) !== null);
      const explained = checked.filter(
        (test) => run.outcomes[run.tests.indexOf(test)]![index]!.explanation === readExpectedExplanation(test),
      );
      return `${acceptable} / ${preferred}; exp ${explained.length}/${checked.length}`.padEnd(30);
    });
    console.log(`  ${run.file.padEnd(20)} ${String(run.tests.length).padStart(5)}  ${cells.join('')}`);
  }
}

function printMisses(runs: SuiteRun[]): void {
  console.log('\nTests an engine gets wrong (not an acceptable result or not the expected exp= text)');
  for (const [index, engine] of engines.entries()) {
    const misses = runs.flatMap((run) =>
      run.tests.flatMap((test, row) => {
        const outcome = run.outcomes[row]![index]!;
        if (isAcceptable(test, outcome)) return [];
        const got = test.expected_result.includes(outcome.result)
          ? `exp ${JSON.stringify(outcome.explanation ?? null)}, expected ${JSON.stringify(readExpectedExplanation(test) ?? null)}`
          : `${outcome.result}, expected ${test.expected_result.join('|')}`;
        return [`    ${run.file} ${test.scenario} / ${test.test} (RFC ${test.spec ?? '-'}): ${got}`];
      }),
    );
    console.log(`  ${engine.name}: ${misses.length}`);
    for (const line of verbose ? misses : misses.slice(0, 40)) console.log(line);
    if (!verbose && misses.length > 40) console.log(`    … ${misses.length - 40} more (--verbose)`);
  }
}

function printLookupCounting(runs: SuiteRun[]): void {
  const rows = runs.flatMap((run) => run.outcomes);
  const limitTests = runs.flatMap((run) =>
    run.tests.flatMap((test, row) =>
      /limit|void/i.test(`${test.scenario} ${test.test}`) ? [[test, run.outcomes[row]!] as const] : [],
    ),
  );
  console.log('\nLookup counting (RFC 7208 4.6.4), every suite test');
  console.log(`  ${''.padEnd(44)}${engines.map((engine) => engine.name.padStart(16)).join('')}`);
  const line = (label: string, value: (index: number) => string) =>
    console.log(`  ${label.padEnd(44)}${engines.map((_, index) => value(index).padStart(16)).join('')}`);
  const sum = (index: number, key: keyof Measured) => rows.reduce((total, row) => total + Number(row[index]![key]), 0);
  const max = (index: number, key: keyof Measured) => Math.max(...rows.map((row) => Number(row[index]![key])));
  line('DNS-querying terms counted (sum)', (index) => String(sum(index, 'lookups')));
  line('void lookups counted (sum)', (index) => String(sum(index, 'voidLookups')));
  line('DNS queries sent (sum)', (index) => String(sum(index, 'queries')));
  line('DNS queries sent (max in one evaluation)', (index) => String(max(index, 'queries')));
  line('distinct questions (sum)', (index) => String(sum(index, 'distinctQueries')));
  line('distinct questions (max in one evaluation)', (index) => String(max(index, 'distinctQueries')));
  line(
    'processing-limit tests acceptable',
    (index) =>
      `${limitTests.filter(([test, outcomes]) => isAcceptable(test, outcomes[index]!)).length}/${limitTests.length}`,
  );
  const sameCount = rows.filter((row) => row[0]!.lookups === row[1]!.lookups).length;
  console.log(`  counted terms equal, mailgate vs mailauth: ${sameCount}/${rows.length} evaluations`);
}

function printDisagreements(runs: SuiteRun[]): void {
  const disagreements = runs.flatMap((run) =>
    run.tests.flatMap((test, row) => {
      const [own, other] = run.outcomes[row]!;
      if (!own || !other || own.result === other.result) return [];
      const verdict = (outcome: Outcome) =>
        isPreferred(test, outcome) ? 'preferred' : isAcceptable(test, outcome) ? 'acceptable' : 'WRONG';
      return [
        `    ${run.file} ${test.scenario} / ${test.test} (RFC ${test.spec ?? '-'}): mailgate ${own.result} (${verdict(own)}), ` +
          `mailauth ${other.result} (${verdict(other)}), suite ${test.expected_result.join('|')}`,
      ];
    }),
  );
  console.log(`\nResults that differ, mailgate vs mailauth (default mode): ${disagreements.length}`);
  for (const line of disagreements) console.log(line);
}

// ---------------------------------------------------------------------------------------------------------------
// DNS timeouts, the auth corpus, cost

async function printTimeouts(): Promise<void> {
  console.log(
    '\nWhen DNS times out (cases of shared/dns/spf/testing/timeout-cases.ts; expected result per the RFC section named)',
  );
  console.log(
    `  ${'case'.padEnd(52)} ${'expected'.padEnd(10)}${engines.map((engine) => engine.name.padEnd(17)).join('')}`,
  );
  const right = engines.map(() => 0);
  for (const testCase of SPF_TIMEOUT_CASES) {
    const outcomes = await Promise.all(engines.map((engine) => measure(engine, testCase.input, testCase.zone)));
    outcomes.forEach((outcome, index) => {
      if (outcome.result === testCase.expected) right[index]! += 1;
    });
    console.log(
      `  ${`${testCase.name} (${testCase.rfc})`.padEnd(52)} ${testCase.expected.padEnd(10)}${outcomes.map((outcome) => outcome.result.padEnd(17)).join('')}`,
    );
  }
  console.log(
    `  ${'as the RFC says'.padEnd(52)} ${''.padEnd(10)}${right.map((count) => `${count}/${SPF_TIMEOUT_CASES.length}`.padEnd(17)).join('')}`,
  );
}

type DmarcCase = { id: number; input: { spfDomains?: { domain: string }[] } };

/** The auth corpus's SPF: the DMARC cases with an SPF domain, checked as eval:auth builds them (one ip4 record). */
async function printAuthCorpus(): Promise<void> {
  const { cases } = JSON.parse(readFileSync(path.join(authCorpus, 'dmarc_mailauth_cases.json'), 'utf8')) as {
    cases: DmarcCase[];
  };
  const clientIp = '192.0.2.25';
  const withSpf = cases.filter((testCase) => testCase.input.spfDomains?.length === 1);
  const passes = engines.map(() => 0);
  for (const testCase of withSpf) {
    const domain = testCase.input.spfDomains![0]!.domain;
    const zone: ZoneData = { [domain]: [{ TXT: `v=spf1 ip4:${clientIp} -all` }] };
    const input = { ip: clientIp, sender: `bounces@${domain}`, helo: `mail.${domain}` };
    const outcomes = await Promise.all(engines.map((engine) => measure(engine, input, zone)));
    outcomes.forEach((outcome, index) => {
      if (outcome.result === 'pass') passes[index]! += 1;
    });
  }
  console.log(
    `\nAuth corpus: the ${withSpf.length} DMARC cases with an SPF domain (the ARC and DKIM messages carry no client IP)`,
  );
  console.log(
    `  pass: ${engines.map((engine, index) => `${engine.name} ${passes[index]}/${withSpf.length}`).join(', ')}`,
  );
}

async function timePass(engine: Engine, tests: SpfSuiteTest[]): Promise<number> {
  const resolvers = tests.map((test) => createZoneResolver(test.zonedata));
  const started = process.hrtime.bigint();
  for (const [index, test] of tests.entries()) await engine.evaluate(inputOf(test), resolvers[index]!);
  return Number(process.hrtime.bigint() - started) / 1000 / tests.length;
}

/** Passes alternate between the engines, so that a load burst on a shared machine hits them all alike. */
async function printCost(runs: SuiteRun[]): Promise<void> {
  const tests = runs.flatMap((run) => run.tests);
  console.log(
    `\nCost of one evaluation (µs, stub resolver, median of ${TIMING_PASSES} interleaved passes over ${tests.length} tests, after a warm-up pass)`,
  );
  const passes = engines.map((): number[] => []);
  for (const engine of engines) await timePass(engine, tests);
  for (let pass = 0; pass < TIMING_PASSES; pass += 1) {
    for (const [index, engine] of engines.entries()) passes[index]!.push(await timePass(engine, tests));
  }
  for (const [index, engine] of engines.entries()) {
    const sorted = passes[index]!.sort((left, right) => left - right);
    const median = sorted[Math.floor(TIMING_PASSES / 2)]!;
    console.log(
      `  ${engine.name.padEnd(18)} ${median.toFixed(1).padStart(8)} µs   (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`,
    );
  }
}

const runs: SuiteRun[] = [];
for (const file of SPF_SUITE_FILES) runs.push(await runSuite(file));
printScores(runs);
printMisses(runs);
printDisagreements(runs);
printLookupCounting(runs);
await printTimeouts();
await printAuthCorpus();
await printCost(runs);
