// The pipeline's pure stages of one message, in its order, as bench:cpu times them in Node and inside workerd.
// Effects (D1, R2, DNS) are left out: authentication runs against a resolver that answers "no such record" at once,
// so its figure is mailauth's parsing and hashing without the network.
import { DnsError, type Resolver } from '../../shared/dns/resolver.ts';
import { classifyMail } from '../../worker/bounces/classify.ts';
import { sanitizeTree } from '../../worker/html/sanitize.ts';
import { type HtmlElement, parseHtml } from '../../worker/html/tree.ts';
import { authenticate } from '../../worker/inbound/authenticate.ts';
import { readSignals } from '../../worker/inbound/automation.ts';
import { tryParseMail, type ParsedMail } from '../../worker/inbound/parse.ts';
import { readSpamVerdict } from '../../worker/inbound/signals.ts';
import { fitForStorage, type StoredMail } from '../../worker/inbound/storage-caps.ts';
import { extractReplyText } from '../../worker/replies/strip.ts';

export type Envelope = { from: string; to: string };

/** One message on its way through the stages: each stage reads what the ones before it made. */
export type MessageState = {
  raw: Uint8Array;
  envelope: Envelope;
  /** Made by `parse`; null when the bytes are not mail (kept raw: the later stages skip it). */
  mail: ParsedMail | null;
  /** Made by `storage caps`: the bodies as D1 keeps them, which filing works on. */
  stored: StoredMail | null;
  /** Made by `html tree`: filing parses the stored HTML once for the reply text and the sanitized copy. */
  htmlTree: HtmlElement | null;
};

export type Stage = {
  name: string;
  run: (state: MessageState) => unknown;
  keep?: (state: MessageState, value: unknown) => void;
};

const noRecords: Resolver = async (name, type) => {
  throw new DnsError('ENOTFOUND', name, type);
};

export const STAGES: Stage[] = [
  {
    name: 'parse',
    run: async ({ raw }) => {
      const parsed = await tryParseMail(raw);
      return 'mail' in parsed ? parsed.mail : null;
    },
    keep: (state, mail) => (state.mail = mail as ParsedMail | null),
  },
  {
    name: 'classify (bounce, auto-reply)',
    run: ({ raw, envelope, mail }) => mail && classifyMail({ mail, raw }, envelope),
  },
  {
    name: 'authenticate (mailauth, no DNS)',
    run: ({ raw, envelope }) =>
      authenticate(raw, { mailFrom: envelope.from }, { resolver: noRecords, trustedArcSealers: [] }),
  },
  {
    name: 'signals + spam verdict',
    run: ({ envelope, mail }) => mail && [readSignals(mail.headers, envelope.from), readSpamVerdict(mail.headers)],
  },
  // Filing (mailboxes/thread.ts) works on the capped bodies D1 keeps, and parses that HTML once for the reply text
  // and the sanitized copy, as here.
  {
    name: 'storage caps',
    run: ({ mail }) => mail && fitForStorage(mail),
    keep: (state, stored) => (state.stored = stored as StoredMail | null),
  },
  {
    name: 'html tree',
    run: ({ stored }) => (stored?.html ? parseHtml(stored.html) : null),
    keep: (state, tree) => (state.htmlTree = tree as HtmlElement | null),
  },
  {
    name: 'reply text',
    run: ({ stored, htmlTree }) => stored && extractReplyText({ text: stored.text, html: stored.html, htmlTree }),
  },
  { name: 'sanitize html', run: ({ htmlTree }) => htmlTree && sanitizeTree(htmlTree) },
];

export function startMessage(raw: Uint8Array, envelope: Envelope): MessageState {
  return { raw, envelope, mail: null, stored: null, htmlTree: null };
}
