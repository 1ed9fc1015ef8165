// The bundle size each HTML reader adds to a worker, as `wrangler deploy --dry-run` reports it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outDir, repoRoot, wrangler, WRANGLER_ENV } from './common.ts';

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

export function benchBundle(): void {
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
