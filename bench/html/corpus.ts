// The real mail HTML the benchmark reads: every HTML body of the corpora.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { MB, repoRoot } from './common.ts';

export const corpora = process.env.MAILGATE_CORPORA ?? join(repoRoot, '../shared/corpora');

/** Every HTML body of the corpora: `.html` files and the text/html parts of the messages. */
export async function loadCorpusHtml(): Promise<string[]> {
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
