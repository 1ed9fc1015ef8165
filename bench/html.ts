// Figures of the HTML toolkit: the candidate readers compared (speed in Node and inside workerd, bundle size), then
// CPU per MB of html-to-text and sanitizing at 1, 2, 4 and 8 MB of realistic and adversarial HTML.
// Usage: npm run bench:html [-- --only node,workerd,bundle,linear]   (real mail HTML from ../shared/corpora)
import { cpus, loadavg } from 'node:os';
import { benchBundle } from './html/bundle.ts';
import { corpora, loadCorpusHtml } from './html/corpus.ts';
import { benchLinear } from './html/linear.ts';
import { benchNode } from './html/node.ts';
import { benchWorkerd } from './html/workerd.ts';

const only = new Set(
  (process.argv.find((arg) => arg.startsWith('--only='))?.slice(7) ?? 'node,workerd,bundle,linear').split(','),
);

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
