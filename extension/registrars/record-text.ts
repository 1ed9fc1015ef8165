// Turns what a records list displays (types, names, TTL wording, quoted TXT) into `DnsRecord`s.
import { dnsRecordSchema, type DnsRecord } from '../../shared/api/dns.ts';
import { parseDuration } from './generic/durations.ts';
import { toFullName } from './record-name.ts';
import type { RawRow } from './dom/read-table.ts';
import { unquoteTxt } from '../../shared/dns/txt.ts';

const RECORD_TYPES = dnsRecordSchema.shape.type.options;
type RecordType = DnsRecord['type'];

/**
 * Seconds from the TTL wording registrars display (`3600`, `1 Hour`, `1/2 Hour`, `30 min`, `1 Stunde`,
 * `Default (86400)`); an unnamed `Auto`/`Automatic`/`Default` gives `autoSeconds`; anything unreadable gives null.
 */
export function parseTtl(text: string | undefined, autoSeconds: number): number | null {
  const seconds = parseDuration(text);
  return seconds === 'auto' ? autoSeconds : seconds;
}

/** The record type named at the start of a cell (`TXT`, `TXT Record`, `MX - Mail exchange`), if it is one we model. */
export function parseRecordType(text: string): RecordType | null {
  const token = /^[A-Za-z]+/.exec(text.trim())?.[0]?.toUpperCase();
  return RECORD_TYPES.find((type) => type === token) ?? null;
}

function trimTrailingDot(host: string): string {
  return host.trim().replace(/\.$/, '');
}

export type RowReadingOptions = {
  zone: string;
  /** What `Auto` means at this registrar. */
  autoTtlSeconds: number;
  /** One value per line in the value cell (Route 53 lists a record set's values together). */
  valuesPerLine?: boolean;
};

/** The records a table row stands for (several when the value cell lists several values). */
export function readRowRecords(row: RawRow, options: RowReadingOptions): DnsRecord[] {
  const type = parseRecordType(row.type ?? '');
  if (!type) return [];
  const name = toFullName(row.name ?? '@', options.zone);
  const ttl = parseTtl(row.ttl, options.autoTtlSeconds) ?? 3600;
  const valueText = row.value ?? '';
  const values = options.valuesPerLine ? valueText.split('\n') : [valueText.replace(/\n/g, ' ')];
  return values
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map((value): DnsRecord => {
      if (type === 'TXT') return { type, name, value: unquoteTxt(value), ttl };
      if (type === 'MX') {
        // `10 mx.example.com` (zone-file order) or `mx.example.com (Priority: 10)` (GoDaddy's list).
        const inline = /^(\d+)\s+(\S+)$/.exec(value);
        const suffixed = /^(\S+)\s*\(priority:?\s*(\d+)\)$/i.exec(value);
        const priorityText = row.priority?.trim() || inline?.[1] || suffixed?.[2];
        const priority = priorityText !== undefined && /^\d+$/.test(priorityText) ? Number(priorityText) : undefined;
        const host = trimTrailingDot(inline?.[2] ?? suffixed?.[1] ?? value);
        return priority === undefined ? { type, name, value: host, ttl } : { type, name, value: host, ttl, priority };
      }
      if (type === 'CNAME' || type === 'NS') return { type, name, value: trimTrailingDot(value), ttl };
      return { type, name, value, ttl };
    });
}
