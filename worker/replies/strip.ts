// The visible reply text of a message: what the sender wrote, without quoted history and without the signature.
import { removeHtmlQuotes } from './html-quotes.ts';
import { renderTreeAsText } from '../html/to-text.ts';
import { parseHtml } from '../html/tree.ts';
import type { ReplyRuleOptions } from './provenance.ts';
import { stripQuotedText } from './text-reply.ts';

export type MailBody = { text?: string | null; html?: string | null };

/** Bodies beyond this size are cut before parsing: a reply's own text sits at the top, and this bounds the work. */
const MAX_BODY_CHARS = 2_000_000;

/**
 * Prefers the HTML part, where clients mark quotes explicitly (gmail_quote, blockquote type=cite, divRplyFwdMsg),
 * and falls back to the plain-text part. The text rules run on both, for the quotes HTML does not mark.
 * `options.withoutSuite` switches off the rules learned from one evaluation suite (leave-one-suite-out).
 */
export function extractReplyText(body: MailBody, options: ReplyRuleOptions = {}): string {
  const html = body.html?.slice(0, MAX_BODY_CHARS) ?? '';
  if (html.trim().length > 0) {
    const fromHtml = extractFromHtml(html, options);
    // An HTML part that renders to nothing (images only, broken markup) says less than the text part.
    if (fromHtml.length > 0 || !body.text?.trim()) return fromHtml;
  }
  const text = body.text?.slice(0, MAX_BODY_CHARS) ?? '';
  return stripQuotedText(text, options);
}

function extractFromHtml(html: string, options: ReplyRuleOptions): string {
  const tree = removeHtmlQuotes(parseHtml(html), options);
  return stripQuotedText(renderTreeAsText(tree), options);
}
