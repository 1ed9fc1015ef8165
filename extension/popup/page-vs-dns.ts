// Compares what the registrar page lists with what DNS answered: a fix the page already holds was saved and has
// not reached DNS yet (propagation), which is not the same as a record nobody added.
import type { DnsRecord, Finding } from '../../shared/api/dns.ts';

export type PagePropagation =
  /** The record the fix adds (or the new value it sets) is listed on the page, DNS does not show it yet. */
  | 'on-page-not-in-dns'
  /** The record the fix deletes is gone from the page, DNS still shows it. */
  | 'removed-on-page-still-in-dns';

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Record text as DNS compares it: TXT is case-sensitive (DKIM keys) but blanks are cosmetic; host names are not. */
function normalizeValue(record: Pick<DnsRecord, 'type' | 'value'>): string {
  const value = record.value.trim();
  switch (record.type) {
    case 'TXT': {
      const collapsed = value.replace(/\s+/g, ' ');
      // A DKIM key's base64 may be shown wrapped; SPF and DMARC tags are case-insensitive (RFC 7208 4.6.1, 7489 6.4).
      if (/^v=DKIM1/i.test(collapsed)) return collapsed.replace(/\s+/g, '');
      return /^v=(spf1|DMARC1)\b/i.test(collapsed) ? collapsed.toLowerCase().replace(/\s*;\s*/g, ';') : collapsed;
    }
    case 'MX':
    case 'CNAME':
    case 'NS':
      return normalizeName(value);
    default:
      return value.toLowerCase();
  }
}

/** Same type, owner and value; MX priorities and TTLs are left out (the checks do not require them either). */
export function isSameRecord(
  a: Pick<DnsRecord, 'type' | 'name' | 'value'>,
  b: Pick<DnsRecord, 'type' | 'name' | 'value'>,
): boolean {
  return (
    a.type === b.type && normalizeName(a.name) === normalizeName(b.name) && normalizeValue(a) === normalizeValue(b)
  );
}

/** True when the page manages the checked domain (its zone is the domain or a parent of it). */
export function pageCoversDomain(pageZone: string | null, domain: string): boolean {
  if (!pageZone) return false;
  const zone = normalizeName(pageZone);
  const name = normalizeName(domain);
  return name === zone || name.endsWith(`.${zone}`);
}

/** Owners that hold one record of a kind (`_dmarc.`, `<selector>._domainkey.`): any value there is the record. */
function isSingleRecordOwner(record: Pick<DnsRecord, 'type' | 'name'>, domain: string): boolean {
  return (record.type === 'TXT' || record.type === 'CNAME') && normalizeName(record.name) !== normalizeName(domain);
}

/**
 * For each finding (same order), whether the registrar page already holds what it asks for; null when the finding
 * is fine or the page says nothing about it. A record is "on the page, not in DNS yet" when the page lists the
 * fix's exact record, or, where DNS found nothing at all, any record at the single-record owner the finding is
 * about (a DMARC record with other tags, a DKIM key mailgate cannot know in advance).
 */
export function comparePageWithDns(
  findings: readonly Finding[],
  pageRecords: readonly DnsRecord[],
  /** The checked domain: its apex holds many TXT records (SPF, verifications), so no owner-only match there. */
  domain: string,
): (PagePropagation | null)[] {
  return findings.map((finding) => {
    if (finding.status === 'ok' || finding.status === 'info') return null;
    const fix = finding.fix;
    if (fix) {
      const listed = pageRecords.some((record) => isSameRecord(record, fix.record));
      if (fix.action === 'delete') {
        // Only meaningful when the page lists records of that owner at all (a page that shows nothing proves nothing).
        const pageShowsOwner = pageRecords.some(
          (record) => record.type === fix.record.type && normalizeName(record.name) === normalizeName(fix.record.name),
        );
        return pageShowsOwner && !listed ? 'removed-on-page-still-in-dns' : null;
      }
      if (listed) return 'on-page-not-in-dns';
      const sameOwner =
        finding.found === null &&
        isSingleRecordOwner(fix.record, domain) &&
        pageRecords.some(
          (record) => record.type === fix.record.type && normalizeName(record.name) === normalizeName(fix.record.name),
        );
      return sameOwner ? 'on-page-not-in-dns' : null;
    }
    if (finding.found !== null) return null;
    // No fix (a key only the sender can give): the finding names the owner it looked at.
    const text = `${finding.expected ?? ''} ${finding.why}`.toLowerCase();
    const named = pageRecords.some(
      (record) =>
        isSingleRecordOwner(record, domain) &&
        new RegExp(`(^|[\\s(])${escapeRegExp(normalizeName(record.name))}([\\s).,]|$)`).test(text),
    );
    return named ? 'on-page-not-in-dns' : null;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
