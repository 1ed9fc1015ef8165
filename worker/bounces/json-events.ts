// Delivery events that mail services send as JSON by mail (bounce, complaint, delivery): read by common field names.
import type { AffectedRecipient, MailClassification } from '../../shared/api/bounces.ts';
import type { MessageView } from './message-view.ts';
import { buildFeedback, buildRecipient } from './recipient.ts';
import { readProsePermanence } from './text-bounce.ts';

type JsonRecord = Record<string, unknown>;

/** Names under which delivery-event APIs put the recipient's address. */
const ADDRESS_KEYS = ['emailaddress', 'email', 'recipient', 'address', 'rcpt'];
const STATUS_KEYS = ['status', 'enhancedstatus', 'statuscode'];
const DIAGNOSTIC_KEYS = [
  'diagnosticcode',
  'diagnostic',
  'smtpresponse',
  'reason',
  'description',
  'details',
  'message',
  'error',
];
const ACTION_KEYS = ['action'];
/** Event names: what happened to the listed recipients. */
const EVENT_KEYS = ['notificationtype', 'eventtype', 'event', 'type', 'recordtype'];
const MAX_DEPTH = 8;
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Parses the first JSON object of a text body; mail transport wraps long lines, which JSON strings never contain. */
export function parseJsonBody(body: string): JsonRecord | null {
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    return asRecord(JSON.parse(body.slice(start, end + 1).replace(/\n/g, '')));
  } catch {
    return null;
  }
}

export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

/** A wrapper (a notification service's envelope) may carry the event as a JSON string: open it. */
function unwrap(record: JsonRecord): JsonRecord {
  for (const value of Object.values(record)) {
    if (typeof value !== 'string' || !value.trimStart().startsWith('{')) continue;
    const inner = parseJsonBody(value);
    if (inner) return inner;
  }
  return record;
}

function readKey(record: JsonRecord, keys: string[]): string | null {
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === 'string' && value !== '' && keys.includes(name.toLowerCase().replace(/[-_]/g, '')))
      return value;
  }
  return null;
}

type EventKind = 'bounce' | 'feedback' | 'delivered';

function readEventKind(text: string): EventKind | null {
  if (/complain|spam ?report|abuse/i.test(text)) return 'feedback';
  if (/bounce|fail|reject|drop|undeliver/i.test(text)) return 'bounce';
  if (/deliver/i.test(text)) return 'delivered';
  return null;
}

type Found = { address: string; record: JsonRecord; kind: EventKind | null };

/** Walks the event: every object that names an address, with the nearest event kind above or beside it. */
function collectRecipients(value: unknown, inherited: EventKind | null, depth: number, found: Found[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectRecipients(item, inherited, depth + 1, found);
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  const eventName = readKey(record, EVENT_KEYS);
  const kind = (eventName ? readEventKind(eventName) : null) ?? inherited;
  for (const [name, child] of Object.entries(record)) {
    // A container named after its event (`bounce`, `complaint`, `delivery`) tells what its recipients went through.
    const childKind = readEventKind(name) ?? kind;
    if (Array.isArray(child) && /recipient/i.test(name)) {
      // A plain list of addresses: the surrounding object holds what is known about them.
      for (const item of child)
        if (typeof item === 'string' && ADDRESS.test(item) && childKind)
          found.push({ address: item, record, kind: childKind });
    }
    if (asRecord(child) || Array.isArray(child)) collectRecipients(child, childKind, depth + 1, found);
  }
  const address = readKey(record, ADDRESS_KEYS);
  if (address && ADDRESS.test(address) && kind) found.push({ address, record, kind });
}

/** A JSON delivery event mailed to the sender, or null when the message holds none. */
export function classifyJsonEvent(view: MessageView): MailClassification | null {
  const part = view.leaves.find((leaf) => leaf.contentType === 'application/json' || leaf.contentType === 'text/plain');
  if (!part) return null;
  const body = part.text;
  const root = parseJsonBody(body);
  if (!root) return null;
  const found: Found[] = [];
  collectRecipients(unwrap(root), null, 0, found);
  const seen = new Set<string>();
  const unique = found.filter(
    (entry) => !seen.has(entry.address.toLowerCase()) && seen.add(entry.address.toLowerCase()),
  );
  if (unique.length === 0) return null;
  if (unique.every((entry) => entry.kind === 'feedback'))
    return buildFeedback(
      unique.map((entry) => entry.address),
      'abuse',
      null,
      null,
      null,
    );
  const prosePermanent = readProsePermanence(body);
  const recipients: AffectedRecipient[] = unique
    .filter((entry) => entry.kind !== 'feedback')
    .map((entry) =>
      buildRecipient({
        address: entry.address,
        action: readKey(entry.record, ACTION_KEYS) ?? (entry.kind === 'delivered' ? 'delivered' : null),
        fieldStatus: readKey(entry.record, STATUS_KEYS) ?? (entry.kind === 'delivered' ? '2.0.0' : null),
        diagnostic: readKey(entry.record, DIAGNOSTIC_KEYS),
        remoteMta: null,
        reportingMta: null,
        arrivalDate: null,
        prosePermanent,
      }),
    );
  return { kind: 'bounce', recipients, originalMessageId: null };
}
