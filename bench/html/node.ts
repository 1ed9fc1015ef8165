// The candidate HTML readers compared in Node: CPU ms per MB of real mail HTML.
import { Tokenizer } from 'htmlparser2';
import { parse as parseWithParse5 } from 'parse5';
import { sanitizeHtml } from '../../worker/html/sanitize.ts';
import { convertHtmlToText } from '../../worker/html/to-text.ts';
import { tokenizeHtml } from '../../worker/html/tokenize.ts';
import { parseHtml } from '../../worker/html/tree.ts';
import { MB, measureCpuMs, median } from './common.ts';

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

export function benchNode(documents: string[], bytes: number): void {
  console.log(
    `\n== In Node ${process.versions.node}: CPU ms per MB of real mail HTML (median of 7 passes, after 3 warm-up)`,
  );
  for (const [name, run] of NODE_CANDIDATES) {
    for (let round = 0; round < 3; round++) documents.forEach(run);
    const times = Array.from({ length: 7 }, () => measureCpuMs(() => documents.forEach(run)));
    console.log(`  ${name.padEnd(52)} ${(median(times) / (bytes / MB)).toFixed(1).padStart(7)} ms/MB`);
  }
}
