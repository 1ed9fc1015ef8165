// The visible reply text of a message: what the sender wrote, without quoted history and without the signature.
import { removeHtmlQuotes } from './html-quotes.ts';
import { renderTreeAsText } from '../html/to-text.ts';
import { type HtmlElement, parseHtml } from '../html/tree.ts';
import type { ReplyRuleOptions } from './provenance.ts';
import { stripQuotedText } from './text-reply.ts';

export type MailBody = {
  text?: string | null;
  html?: string | null;
  /** `parseHtml(html)`, when the caller parsed it already (to sanitize it too): the HTML is then not parsed again. */
  htmlTree?: HtmlElement | null;
};

/** HTML bodies beyond this size are cut before parsing: a reply's own text sits at the top, and this bounds the work. */
const MAX_HTML_CHARS = 2_000_000;

/**
 * The budget of the quote and signature rules, in characters of the text they read (plain text, or the text an HTML
 * body renders to), a line counting at most MAX_LINE_COST: the rules look at no more of a line (longer lines are
 * prose or data, found by one search for their end), while short lines cost their count. D1 keeps at most 128 KiB of
 * reply text (at most as many characters): twice that leaves room for quoted history the sender wrote between, and
 * bounds the CPU whatever the body's size. A text cut here has no end of its own: no signature is looked for there.
 */
export const MAX_REPLY_SCAN_CHARS = 256 * 1024;
/** What one line counts toward the budget at most: the length beyond which the boundary tests skip a line. */
const MAX_LINE_COST = 1000;

/**
 * Prefers the HTML part, where clients mark quotes explicitly (gmail_quote, blockquote type=cite, divRplyFwdMsg),
 * and falls back to the plain-text part. The text rules run on both, for the quotes HTML does not mark.
 * `options.withoutSuite` switches off the rules learned from one evaluation suite (leave-one-suite-out).
 */
export function extractReplyText(body: MailBody, options: ReplyRuleOptions = {}): string {
  const html = body.html?.slice(0, MAX_HTML_CHARS) ?? '';
  if (html.trim().length > 0) {
    // The caller's tree is of the whole body: it stands for this one only when nothing was cut.
    const tree = body.htmlTree && html.length === body.html!.length ? body.htmlTree : parseHtml(html);
    const fromHtml = extractFromTree(tree, options);
    // An HTML part that renders to nothing (images only, broken markup) says less than the text part.
    if (fromHtml.length > 0 || !body.text?.trim()) return fromHtml;
  }
  return stripWithinBudget(body.text ?? '', options);
}

function extractFromTree(tree: HtmlElement, options: ReplyRuleOptions): string {
  return stripWithinBudget(renderTreeAsText(removeHtmlQuotes(tree, options)), options);
}

/** The quote and signature rules on the lines of `text` that fit the budget (all of them, for nearly every mail). */
function stripWithinBudget(text: string, options: ReplyRuleOptions): string {
  const end = findBudgetEnd(text);
  if (end === -1) return stripQuotedText(text, options);
  return stripQuotedText(text.slice(0, end), options, { endsMessage: false });
}

/** Where the line that exhausts MAX_REPLY_SCAN_CHARS ends, or -1 when the whole text fits. */
function findBudgetEnd(text: string): number {
  if (text.length <= MAX_REPLY_SCAN_CHARS) return -1;
  let spent = 0;
  for (let lineStart = 0; ; ) {
    const lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) return -1;
    spent += Math.min(lineEnd - lineStart, MAX_LINE_COST) + 1;
    if (spent > MAX_REPLY_SCAN_CHARS) return lineEnd;
    lineStart = lineEnd + 1;
  }
}
