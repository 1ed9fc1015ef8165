// The parsed view of one message that every bounce extractor reads: MIME tree, leaf parts, top headers, envelope.
import { decodeEncodedWords, listLeafParts, parseEntity, readRawText, type MimeEntity } from './mime-scan.ts';
import { findHeader, type HeaderField } from '../inbound/header-fields.ts';

export type Envelope = { from?: string; to?: string };

/** Context every extractor needs, computed once per message. */
export type MessageView = {
  root: MimeEntity;
  leaves: MimeEntity[];
  headers: HeaderField[];
  subject: string;
  from: string | null;
  envelope: Envelope;
  /** How many more levels of a bounce quoted inside a bounce may be opened (a forwarded DSN). */
  nestingLeft: number;
};

/** Parses a raw message once into the view the extractors share. */
export function createMessageView(raw: Uint8Array | string, envelope: Envelope, nestingLeft: number): MessageView {
  const { text, binary } = readRawText(raw);
  const root = parseEntity(text, binary);
  return {
    root,
    leaves: listLeafParts(root),
    headers: root.headers,
    subject: decodeEncodedWords(findHeader(root.headers, 'subject') ?? ''),
    from: findHeader(root.headers, 'from'),
    envelope,
    nestingLeft,
  };
}
