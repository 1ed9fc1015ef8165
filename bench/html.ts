// Figures of the HTML toolkit: the candidate readers compared (speed in Node and inside workerd, bundle size), then
// CPU per MB of html-to-text and sanitizing at 1, 2, 4 and 8 MB of realistic and adversarial HTML.
// Usage: npm run bench:html [-- --only node,workerd,bundle,linear]   (real mail HTML from ../shared/corpora)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'htmlparser2';
import { parse as parseWithParse5 } from 'parse5';
import PostalMime from 'postal-mime';
import { ADVERSARIAL_HTML, REALISTIC_HTML } from '../worker/html/fixtures/html-inputs.ts';
import { sanitizeHtml } from '../worker/html/sanitize.ts';
import { convertHtmlToText } from '../worker/html/to-text.ts';
import { tokenizeHtml } from '../worker/html/tokenize.ts';
import { parseHtml } from '../worker/html/tree.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpora = process.env.MAILGATE_CORPORA ?? join(repoRoot, '../shared/corpora');
/** Generated entries and bundles; outside bench/ so that the type check never reads them. */
const outDir = join(repoRoot, '.tmp/bench-html');
const WORKERD_PORT = Number(process.env.PORT ?? 8803);
const MB = 1024 * 1024;
/** Passes over the documents per request inside workerd, so that the work outweighs the request's own noise. */
const WORKERD_ROUNDS = 5;
const only = new Set(
  (process.argv.find((arg) => arg.startsWith('--only='))?.slice(7) ?? 'node,workerd,bundle,linear').split(','),
);
const wrangler = join(repoRoot, 'node_modules/.bin/wrangler');
const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

/** CPU time (user + system) of `work`, in ms: steadier than wall time on a shared machine. */
function measureCpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Every HTML body of the corpora: `.html` files and the text/html parts of the messages. */
async function loadCorpusHtml(): Promise<string[]> {
  const documents: string[] = [];
  const visit = async (path: string): Promise<void> => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) await visit(join(path, name));
      return;
    }
    if (path.endsWith('.html')) documents.push(readFileSync(path, 'utf8'));
    if (!/\.(eml|msg)$|\/(cur|new)\/[^/]+$/.test(path) || statSync(path).size > 10 * MB) return;
    const bytes = readFileSync(path);
    if (!/content-type:\s*text\/html/i.test(bytes.toString('latin1'))) return;
    const parsed = await PostalMime.parse(bytes).catch(() => null);
    if (parsed?.html) documents.push(parsed.html);
  };
  for (const folder of ['replies', 'mime', 'threads', 'bounces'])
    if (existsSync(join(corpora, folder))) await visit(join(corpora, folder));
  return documents;
}

const IGNORE = (): void => {};
const NOOP_SINK = { onStartTag: IGNORE, onEndTag: IGNORE, onText: IGNORE, isInForeignContent: () => false };
const NOOP_TOKENIZER_CALLBACKS = {
  onattribdata: IGNORE,
  onattribentity: IGNORE,
  onattribend: IGNORE,
  onattribname: IGNORE,
  oncdata: IGNORE,
  onclosetag: IGNORE,
  oncomment: IGNORE,
  ondeclaration: IGNORE,
  onend: IGNORE,
  onopentagend: IGNORE,
  onopentagname: IGNORE,
  onprocessinginstruction: IGNORE,
  onselfclosingtag: IGNORE,
  ontext: IGNORE,
  ontextentity: IGNORE,
};

const NODE_CANDIDATES: [string, (html: string) => unknown][] = [
  [
    'htmlparser2 Tokenizer alone (no tree)',
    (html) => {
      const tokenizer = new Tokenizer({}, NOOP_TOKENIZER_CALLBACKS);
      tokenizer.write(html);
      tokenizer.end();
    },
  ],
  ['parse5 parse (the spec tree builder, full DOM)', (html) => parseWithParse5(html)],
  ['toolkit tokenizeHtml (tokens, attributes, entities)', (html) => tokenizeHtml(html, NOOP_SINK)],
  ['toolkit parseHtml (tree)', parseHtml],
  ['toolkit convertHtmlToText', convertHtmlToText],
  ['toolkit sanitizeHtml', (html) => sanitizeHtml(html)],
];

function benchNode(documents: string[], bytes: number): void {
  console.log(
    `\n== In Node ${process.versions.node}: CPU ms per MB of real mail HTML (median of 7 passes, after 3 warm-up)`,
  );
  for (const [name, run] of NODE_CANDIDATES) {
    for (let round = 0; round < 3; round++) documents.forEach(run);
    const times = Array.from({ length: 7 }, () => measureCpuMs(() => documents.forEach(run)));
    console.log(`  ${name.padEnd(52)} ${(median(times) / (bytes / MB)).toFixed(1).padStart(7)} ms/MB`);
  }
}

async function startWorkerd(): Promise<() => void> {
  mkdirSync(outDir, { recursive: true });
  const config = join(outDir, 'wrangler.toml');
  writeFileSync(
    config,
    `name = "mailgate-html-bench"\nmain = "../../bench/html-workerd.ts"\ncompatibility_date = "2026-10-01"\n`,
  );
  const child = spawn(wrangler, ['dev', '--config', config, '--port', String(WORKERD_PORT), '--ip', '127.0.0.1'], {
    cwd: repoRoot,
    env: WRANGLER_ENV,
    stdio: 'ignore',
    detached: true,
  });
  const stop = (): void => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await fetch(`http://127.0.0.1:${WORKERD_PORT}/run?candidate=noop`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return stop;
    await new Promise((done) => setTimeout(done, 500));
  }
  stop();
  throw new Error(`wrangler dev did not answer on port ${WORKERD_PORT}`);
}

/**
 * Time inside workerd, measured from outside (workerd's clocks stand still while JavaScript runs): the median wall
 * time of one pass over the documents, minus that of a pass that does nothing.
 */
async function benchWorkerd(documents: string[], bytes: number): Promise<void> {
  console.log(
    `\n== Inside workerd (wrangler dev, port ${WORKERD_PORT}): wall ms per MB of the same HTML (median of 9 requests of ${WORKERD_ROUNDS} passes, minus an empty request)`,
  );
  const stop = await startWorkerd();
  try {
    const base = `http://127.0.0.1:${WORKERD_PORT}`;
    await fetch(`${base}/load`, { method: 'POST', body: JSON.stringify(documents) });
    const timeRequest = async (candidate: string, rounds: number): Promise<number> => {
      const start = performance.now();
      const response = await fetch(`${base}/run?candidate=${candidate}&rounds=${rounds}`);
      await response.text();
      if (!response.ok) throw new Error(`${candidate}: ${response.status}`);
      return performance.now() - start;
    };
    /** HTMLRewriter's handlers are slow enough here that one pass per request, three requests, is all that fits. */
    const measurePerMb = async (candidate: string): Promise<number> => {
      const slow = candidate.startsWith('htmlrewriter') && candidate !== 'htmlrewriter-no-handlers';
      const [rounds, requests] = slow ? [1, 3] : [WORKERD_ROUNDS, 9];
      const empty = median(await Promise.all([0, 1, 2].map(() => timeRequest('noop', rounds))));
      await timeRequest(candidate, rounds);
      const times: number[] = [];
      for (let request = 0; request < requests; request++) times.push(await timeRequest(candidate, rounds));
      return Math.max(0, median(times) - empty) / ((rounds * bytes) / MB);
    };
    for (const candidate of [
      'htmlrewriter-no-handlers',
      'htmlrewriter-elements',
      'htmlrewriter-element-text',
      'htmlrewriter',
      'htmlparser2-tokenizer',
      'toolkit-tokenizer',
      'toolkit-html-to-text',
      'toolkit-sanitize',
    ]) {
      console.log(`  ${candidate.padEnd(52)} ${(await measurePerMb(candidate)).toFixed(1).padStart(9)} ms/MB`);
    }
  } finally {
    stop();
  }
}

/** What `wrangler deploy --dry-run` uploads for a worker whose entry is `source`. */
function measureUpload(name: string, source: string): { kib: number; gzipKib: number } {
  const dir = join(outDir, `bundle-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.ts'), source);
  const result = spawnSync(
    wrangler,
    [
      'deploy',
      '--dry-run',
      '--outdir',
      join(dir, 'dist'),
      '--name',
      `bench-${name}`,
      '--compatibility-date',
      '2026-10-01',
      join(dir, 'entry.ts'),
    ],
    { cwd: repoRoot, env: WRANGLER_ENV, encoding: 'utf8' },
  );
  const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(result.stdout + result.stderr);
  if (!match) throw new Error(`no upload size for ${name}: ${result.stderr}`);
  return { kib: Number(match[1]), gzipKib: Number(match[2]) };
}

function benchBundle(): void {
  console.log('\n== Bundle size added to a worker (wrangler deploy --dry-run, over a worker that echoes its input)');
  const toolkit = (relative: string): string => join(repoRoot, relative).replaceAll('\\', '/');
  // Each entry uses what it imports on the request's text, so the bundler keeps all of it.
  const entries: [string, string, string][] = [
    ['baseline', 'a worker that echoes its input', 'const read = (html: string): unknown => html;'],
    [
      'htmlrewriter',
      "workerd's HTMLRewriter (native)",
      'const read = (html: string): unknown => new HTMLRewriter().transform(new Response(html));',
    ],
    [
      'htmlparser2',
      'htmlparser2 Tokenizer + entities decode table',
      "import { Tokenizer } from 'htmlparser2';\nconst read = (html: string): unknown => new Tokenizer({}, {} as never).write(html);",
    ],
    [
      'parse5',
      'parse5 (spec tree builder + its entities)',
      "import { parse } from 'parse5';\nconst read = (html: string): unknown => parse(html);",
    ],
    [
      'toolkit',
      'the toolkit (tokenizer, tree, html-to-text, sanitizer, CSS)',
      `import { sanitizeHtml } from '${toolkit('worker/html/sanitize.ts')}';\nimport { convertHtmlToText } from '${toolkit('worker/html/to-text.ts')}';\nconst read = (html: string): unknown => [sanitizeHtml(html), convertHtmlToText(html)];`,
    ],
  ];
  const measured = entries.map(([name, label, body]) => {
    const source = `${body}\nexport default { fetch: async (request: Request) => new Response(String(read(await request.text()))) };\n`;
    return { label, ...measureUpload(name, source) };
  });
  const baseline = measured[0]!;
  for (const { label, kib, gzipKib } of measured.slice(1)) {
    console.log(
      `  ${label.padEnd(60)} +${(kib - baseline.kib).toFixed(1).padStart(6)} KiB  (gzip +${(gzipKib - baseline.gzipKib).toFixed(1)} KiB)`,
    );
  }
  const whole = spawnSync(wrangler, ['deploy', '--dry-run', '--outdir', join(outDir, 'mailgate')], {
    cwd: repoRoot,
    env: WRANGLER_ENV,
    encoding: 'utf8',
  });
  console.log(
    `  the mailgate worker as it is now: ${/Total Upload: .*/.exec(whole.stdout + whole.stderr)?.[0] ?? 'not measured'}`,
  );
}

function benchLinear(corpusDocuments: string[]): void {
  console.log(
    '\n== Linear time: CPU ms per MB (median of 3) at 1, 2, 4 and 8 MB; a quadratic stage would double per step',
  );
  const corpusText = corpusDocuments.join('\n');
  const shapes = [
    {
      name: 'real mail HTML (corpora, repeated)',
      build: (bytes: number) => corpusText.repeat(Math.max(1, Math.round(bytes / corpusText.length))),
    },
    REALISTIC_HTML,
    ...ADVERSARIAL_HTML,
  ];
  const stages: [string, (html: string) => unknown][] = [
    ['html-to-text', convertHtmlToText],
    ['sanitize', (html) => sanitizeHtml(html)],
  ];
  console.log(
    `  ${'input'.padEnd(36)} ${'stage'.padEnd(13)} ${['1 MB', '2 MB', '4 MB', '8 MB'].map((size) => size.padStart(8)).join('')}   2 MB took`,
  );
  for (const shape of shapes) {
    for (const [stageName, stage] of stages) {
      const figures = [1, 2, 4, 8].map((megabytes) => {
        const html = shape.build(megabytes * MB);
        stage(html);
        const cpuMs = median([0, 1, 2].map(() => measureCpuMs(() => stage(html))));
        return { perMb: cpuMs / (html.length / MB), cpuMs, megabytes };
      });
      const twoMb = figures.find((figure) => figure.megabytes === 2)!.cpuMs;
      console.log(
        `  ${shape.name.padEnd(36)} ${stageName.padEnd(13)} ${figures.map(({ perMb }) => perMb.toFixed(1).padStart(8)).join('')}   ${twoMb.toFixed(0)} ms`,
      );
    }
  }
}

const corpusDocuments = await loadCorpusHtml();
const corpusBytes = corpusDocuments.reduce((sum, html) => sum + html.length, 0);
console.log(
  `real mail HTML: ${corpusDocuments.length} bodies, ${(corpusBytes / 1024).toFixed(0)} KiB, from ${corpora}`,
);
console.log(`machine load average (1 min) at start: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
if (only.has('node')) benchNode(corpusDocuments, corpusBytes);
if (only.has('workerd')) await benchWorkerd(corpusDocuments, corpusBytes);
if (only.has('bundle')) benchBundle();
if (only.has('linear')) benchLinear(corpusDocuments);
