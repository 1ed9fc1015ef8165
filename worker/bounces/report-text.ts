// Reading a bounce's human-readable text: the prose part, the mention of one address, a summary, a message id.
import { convertHtmlToText } from '../html/to-text.ts';
import type { MessagePart, MessageView } from './message-view.ts';
import { splitAtOriginalCopy } from './original.ts';
import type { ProseRecipient } from './text-bounce.ts';

/** The human-readable explanation: the first text part that is not the status part, cut before the original copy. */
export function readProse(
  view: MessageView,
  statusPart: MessagePart | undefined,
): { prose: string; rest: string | null } {
  const textPart =
    view.leaves.find((part) => part !== statusPart && part.contentType === 'text/plain') ??
    view.leaves.find((part) => part !== statusPart && part.contentType === 'text/html');
  if (!textPart) return { prose: '', rest: null };
  let text = textPart.text;
  if (textPart.contentType === 'text/html') text = convertHtmlToText(text);
  return splitAtOriginalCopy(text);
}

export function findMention(mentions: ProseRecipient[], address: string): ProseRecipient | undefined {
  const key = address.toLowerCase();
  return mentions.find((mention) => mention.address.toLowerCase() === key);
}

/** A compact diagnostic from the whole prose when no per-recipient text exists. */
export function summarizeProse(prose: string): string | null {
  const compact = prose.replace(/\s+/g, ' ').trim();
  return compact ? compact.slice(0, 600) : null;
}

export function normalizeId(value: string | null): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  return (bracketed ? bracketed[1]! : value.trim()) || null;
}
