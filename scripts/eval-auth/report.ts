// One suite's grade: cases, agreements, each disagreement named; and the table and details the evaluation prints.

/** Disagreement ids printed per suite (all of them with --verbose). */
const SHOWN_DISAGREEMENTS = 10;

export type SuiteReport = {
  name: string;
  cases: number;
  agree: number;
  /** `id: what differed`, one per disagreeing case (or signature). */
  disagreements: string[];
  skipped: { id: string; reason: string }[];
};

export function newReport(name: string): SuiteReport {
  return { name, cases: 0, agree: 0, disagreements: [], skipped: [] };
}

export function score(report: SuiteReport, id: string, expected: string, got: string): void {
  report.cases += 1;
  if (expected === got) report.agree += 1;
  else report.disagreements.push(`${id}: expected ${expected}, got ${got}`);
}

export function printTable(reports: SuiteReport[]): void {
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

export function printDetails(report: SuiteReport, verbose: boolean): void {
  if (report.disagreements.length === 0 && report.skipped.length === 0) return;
  console.log(`\n${report.name}`);
  const shown = verbose ? report.disagreements : report.disagreements.slice(0, SHOWN_DISAGREEMENTS);
  for (const line of shown) console.log(`  disagree ${line}`);
  if (shown.length < report.disagreements.length) {
    console.log(`  … ${report.disagreements.length - shown.length} more (--verbose lists them all)`);
  }
  for (const { id, reason } of report.skipped) console.log(`  skipped  ${id}: ${reason}`);
}
