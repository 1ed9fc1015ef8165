// Finding the headers of the message that bounced: message/rfc822, text/rfc822-headers, or headers quoted in prose.
import type { OriginalHeaders } from '../../shared/api/bounces.ts';
import { decodeWords } from 'postal-mime';
import { findHeader, type HeaderField } from '../inbound/header-fields.ts';
import { parseFieldBlock, readEmbeddedHeaders } from './field-blocks.ts';
import type { MessagePart } from './message-view.ts';

/** Header names that start a quoted header block of the original message. */
const QUOTED_HEADER_LINE =
  /^(?:received|return-path|message-id|date|from|to|subject|mime-version|dkim-signature|x-[a-z0-9-]+|content-type|reply-to|delivered-to|authentication-results|arc-[a-z-]+)\s*:/i;

/** Lines that announce the copy of the original message in a non-standard bounce. */
const ORIGINAL_SEPARATOR =
  /^[\s>-]*(?:-{2,}|={2,}|\*{2,}|_{2,})?\s*(?:original message|original mail|original (?:message )?headers|below this line is a copy|this is a copy of|copy of (?:the )?(?:original )?message|message headers follow|(?:returned|undelivered|unsent|rejected) message|headers of (?:the )?(?:original|returned|unsent) message|the header of the original message|the (?:original )?message (?:was(?! received at)|follows)|included is a copy|original message follows|start of returned message|returned mail follows)/i;

const EMBEDDED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);
const EMBEDDED_HEADER_TYPES = new Set(['text/rfc822-headers', 'message/global-headers', 'message/rfc822-headers']);

/** An attached message (RFC 2046 5.2.1; RFC 6532 3.7 for message/global). */
export function isEmbeddedMessageType(contentType: string): boolean {
  return EMBEDDED_MESSAGE_TYPES.has(contentType);
}

/** The header fields of the original a part carries: a whole message, or its headers alone (RFC 6522 5). */
export function readEmbeddedOriginal(part: MessagePart, withPartial = false): HeaderField[] | null {
  const type = part.contentType;
  if (isEmbeddedMessageType(type) || (withPartial && type === 'message/partial')) return readEmbeddedHeaders(part.text);
  if (EMBEDDED_HEADER_TYPES.has(type)) return parseFieldBlock(part.text);
  return null;
}

export function findOriginalHeaders(leaves: MessagePart[], firstTextRest: string | null): OriginalHeaders | null {
  for (const part of leaves) {
    const headers = readEmbeddedOriginal(part, true);
    if (headers && headers.length > 0) return readOriginalHeaders(headers);
  }
  if (firstTextRest) return findQuotedHeaders(firstTextRest);
  return null;
}

function readOriginalHeaders(headers: HeaderField[]): OriginalHeaders {
  const read = (name: string) => {
    const value = findHeader(headers, name);
    return value === null ? null : decodeWords(value);
  };
  return {
    messageId: normalizeMessageId(read('message-id')),
    from: read('from'),
    to: read('to'),
    subject: read('subject'),
    date: read('date'),
  };
}

/** `<id@host>` → `id@host`. */
export function normalizeMessageId(value: string | null): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const bare = (bracketed ? bracketed[1]! : (value.trim().split(/\s+/)[0] ?? '')).trim();
  return bare.length > 0 ? bare : null;
}

/**
 * Splits the prose of a bounce from the copy of the original that follows it: at a separator line, or at the
 * first block of at least two header lines.
 */
export function splitAtOriginalCopy(text: string): { prose: string; rest: string | null } {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_SEPARATOR.test(line)) {
      return { prose: text.slice(0, offset), rest: text.slice(offset + line.length + 1) };
    }
    const stripped = line.replace(/^[>|]\s?/, '');
    if (
      QUOTED_HEADER_LINE.test(stripped) &&
      /^(?:received|return-path|message-id|dkim-signature|delivered-to|authentication-results|arc-)/i.test(stripped)
    ) {
      const next = (lines[i + 1] ?? '').replace(/^[>|]\s?/, '');
      if (QUOTED_HEADER_LINE.test(next) || /^\s/.test(next))
        return { prose: text.slice(0, offset), rest: text.slice(offset) };
    }
    offset += line.length + 1;
  }
  return { prose: text, rest: null };
}

/** Reads the header block quoted after the prose (optionally prefixed by `>` or indented). */
function findQuotedHeaders(rest: string): OriginalHeaders | null {
  const lines = rest.split('\n');
  const start = lines.findIndex((line) => QUOTED_HEADER_LINE.test(line.replace(/^[>|]?\s*/, '')));
  if (start < 0) return null;
  const block: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!.replace(/^[>|] ?/, '');
    if (line.trim() === '') break;
    block.push(
      /^\s+\S/.test(line) && block.length > 0 && !QUOTED_HEADER_LINE.test(line.trim()) ? line : line.trimStart(),
    );
  }
  const headers = parseFieldBlock(block.join('\n'));
  return headers.length > 0 ? readOriginalHeaders(headers) : null;
}
