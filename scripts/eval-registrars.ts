// Scores the registrar adapters on every fixture: each record kind filled by the page's own adapter (dedicated where
// one matches the URL) and by the generic adapter alone (leave-one-registrar-out: the dedicated one switched off).
// The held-out fixtures (editors rebuilt without reading the generic adapter) are scored and totalled on their own:
// only there does its figure say how it does on an editor nobody tuned it for — and only on those its author has not
// looked at since (the seen ones, HELD_OUT_SEEN_FIXTURES, are totalled apart).
// Usage: npm run eval:registrars [-- --verbose] [-- --fixture NAME]
import { genericAdapter, selectAdapter } from '../extension/registrars/index.ts';
import type { FormFieldName, RegistrarAdapter } from '../extension/registrars/registrar-adapter.ts';
import { fixtureAnswers, heldOutFixtureAnswers } from '../extension/registrars/testing/fixture-answers.ts';
import { HELD_OUT_SEEN_FIXTURES } from '../extension/registrars/testing/held-out-gaps.ts';
import { loadFixture } from '../extension/registrars/testing/load-fixture.ts';
import { buildSampleRecord, type RecordKind } from '../extension/registrars/testing/sample-records.ts';
import {
  expectedFields,
  judgeHeldValues,
  readHeldValues,
  resolveProbes,
  type FieldProbe,
  type FixtureAnswer,
} from '../extension/registrars/testing/score-fill.ts';

const verbose = process.argv.includes('--verbose');
const onlyFixture = process.argv.includes('--fixture')
  ? process.argv[process.argv.indexOf('--fixture') + 1]
  : undefined;
const FIELDS: FormFieldName[] = ['type', 'name', 'value', 'ttl', 'priority'];

type Mode = 'page adapter' | 'generic alone';
/** `untouched`: fields the page already held right before the fill (a default TTL, an empty name for the apex). */
type Tally = {
  fields: number;
  correct: number;
  untouched: number;
  records: number;
  complete: number;
  falseClaims: number;
  byField: Map<FormFieldName, [number, number]>;
};
const newTally = (): Tally => ({
  fields: 0,
  correct: 0,
  untouched: 0,
  records: 0,
  complete: 0,
  falseClaims: 0,
  byField: new Map(),
});

/** A set of fixtures totalled on its own, and the modes worth printing for it (held-out pages have no dedicated adapter). */
type Corpus = {
  label: string;
  answers: readonly FixtureAnswer[];
  modes: readonly Mode[];
  tallies: Record<Mode, Tally>;
  completeFixtures: Record<Mode, number>;
};
const newCorpus = (label: string, answers: readonly FixtureAnswer[], modes: readonly Mode[]): Corpus => ({
  label,
  answers: answers.filter((answer) => !onlyFixture || answer.fixture === onlyFixture),
  modes,
  tallies: { 'page adapter': newTally(), 'generic alone': newTally() },
  completeFixtures: { 'page adapter': 0, 'generic alone': 0 },
});
const corpora: Corpus[] = [
  newCorpus('visible fixtures (the generic adapter was written with them)', fixtureAnswers, [
    'page adapter',
    'generic alone',
  ]),
  newCorpus(
    'held-out fixtures, blind (rebuilt without reading the generic adapter, never looked at by its author)',
    heldOutFixtureAnswers.filter((answer) => !HELD_OUT_SEEN_FIXTURES.includes(answer.fixture)),
    ['generic alone'],
  ),
  newCorpus(
    'held-out fixtures, seen (looked at while fixing the generic adapter: no longer a blind figure)',
    heldOutFixtureAnswers.filter((answer) => HELD_OUT_SEEN_FIXTURES.includes(answer.fixture)),
    ['generic alone'],
  ),
];

type Outcome = { marks: string; complete: boolean; right: number; fields: number; notes: string[] };

async function fillOnce(
  answer: FixtureAnswer,
  kind: RecordKind,
  adapter: RegistrarAdapter,
  tally: Tally,
): Promise<Outcome> {
  const doc = loadFixture(answer.fixture, answer.url);
  const record = buildSampleRecord(kind, answer.zone);
  let claimed: FormFieldName[] = [];
  const notes: string[] = [];
  try {
    const result = await adapter.fill(doc, record);
    claimed = result.filled;
    notes.push(...result.problems.map((problem) => `said: ${problem}`));
  } catch (error) {
    notes.push(`threw: ${(error as Error).message}`);
  }
  const probes = resolveProbes(answer, record) as Record<string, FieldProbe>;
  const held = readHeldValues(probes, doc);
  const score = judgeHeldValues(held, answer, record);
  const before = judgeHeldValues(readHeldValues(probes, loadFixture(answer.fixture, answer.url)), answer, record);
  const marks: string[] = [];
  let complete = true;
  for (const field of expectedFields(record, answer)) {
    const ok = score[field] === true;
    const [correct, total] = tally.byField.get(field) ?? [0, 0];
    tally.byField.set(field, [correct + (ok ? 1 : 0), total + 1]);
    tally.fields += 1;
    if (ok) tally.correct += 1;
    if (ok && before[field] === true) tally.untouched += 1;
    if (!ok) {
      complete = false;
      const wrongClaim = claimed.includes(field);
      notes.push(`${field}: holds ${JSON.stringify(held[field] ?? null)}${wrongClaim ? ' (CLAIMED)' : ''}`);
      if (wrongClaim) tally.falseClaims += 1;
    }
    marks.push(`${field}${ok ? '✓' : '✗'}`);
  }
  tally.records += 1;
  if (complete) tally.complete += 1;
  return {
    marks: marks.join(' '),
    complete,
    right: marks.filter((mark) => mark.endsWith('✓')).length,
    fields: marks.length,
    notes,
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;

for (const corpus of corpora) {
  if (corpus.answers.length > 0) console.log(`\n#### ${corpus.label}`);
  for (const answer of corpus.answers) {
    const pageAdapter = answer.url ? selectAdapter(answer.url) : genericAdapter;
    console.log(`\n${answer.fixture} — ${answer.style} [page adapter: ${pageAdapter.id}]`);
    const fixtureComplete: Record<Mode, boolean> = { 'page adapter': true, 'generic alone': true };
    // Every fill loads its own copy of the page: the kinds and the modes of a fixture run side by side.
    const runs = answer.kinds.flatMap((kind) =>
      corpus.modes.map(async (mode) => ({
        kind,
        mode,
        outcome: await fillOnce(
          answer,
          kind,
          mode === 'page adapter' ? pageAdapter : genericAdapter,
          corpus.tallies[mode],
        ),
      })),
    );
    const finished = await Promise.all(runs);
    for (const kind of answer.kinds) {
      const line: string[] = [`  ${kind.padEnd(6)}`];
      const notes: string[] = [];
      for (const { mode, outcome } of finished.filter((run) => run.kind === kind)) {
        if (!outcome.complete) fixtureComplete[mode] = false;
        line.push(`${mode === 'page adapter' ? 'page' : 'generic'}: ${outcome.marks.padEnd(44)}`);
        if (verbose && !outcome.complete) notes.push(`      ${mode}: ${outcome.notes.join('; ')}`);
      }
      console.log([line.join(' '), ...notes].join('\n'));
    }
    for (const mode of corpus.modes) {
      if (fixtureComplete[mode]) corpus.completeFixtures[mode] += 1;
      const outcomes = finished.filter((run) => run.mode === mode).map((run) => run.outcome);
      const sum = (count: (outcome: Outcome) => number) =>
        outcomes.reduce((total, outcome) => total + count(outcome), 0);
      console.log(
        `  ${mode}: fields ${sum((o) => o.right)}/${sum((o) => o.fields)}, records ${sum((o) => (o.complete ? 1 : 0))}/${outcomes.length}`,
      );
    }
  }
}

for (const corpus of corpora) {
  if (corpus.answers.length === 0) continue;
  console.log(
    `\n== totals, ${corpus.label}: fields correct, records filled completely, fixtures filled completely for every kind`,
  );
  for (const mode of corpus.modes) {
    const tally = corpus.tallies[mode];
    const perField = FIELDS.filter((field) => tally.byField.has(field))
      .map((field) => `${field} ${percent(...(tally.byField.get(field) as [number, number]))}`)
      .join(', ');
    console.log(
      `${mode.padEnd(14)} fields ${percent(tally.correct, tally.fields)} (${tally.untouched} of them right before the fill); records ${percent(tally.complete, tally.records)}; fixtures ${corpus.completeFixtures[mode]}/${corpus.answers.length}; claimed but wrong: ${tally.falseClaims}`,
    );
    console.log(`${''.padEnd(14)} ${perField}`);
  }
}
// happy-dom windows keep timers alive: the evaluation is over.
process.exit(0);
