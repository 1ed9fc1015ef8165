// Builds an adapter from a profile: every page is read and filled the generic way (generic/), and a known
// registrar's profile adds only what its page cannot say (what "Auto" means there, how its list groups values).
import { readRecordTable } from './dom/read-table.ts';
import { fillRecordForm } from './generic/fill-record.ts';
import { RECORD_LIST_COLUMNS } from './generic/record-columns.ts';
import { listPageRoots } from './generic/page-roots.ts';
import { readZoneFromPage } from './generic/read-zone.ts';
import { readRowRecords } from './record-text.ts';
import type { RegistrarAdapter } from './registrar-adapter.ts';

export type PageProfile = {
  /** Stable id, reported in the `mailgate:fill` answer. */
  id: string;
  displayName: string;
  /** Tested against the page's full URL; `/^$/` for the generic adapter, which is chosen when nothing else matches. */
  url: RegExp;
  /** What the registrar's unnamed `Auto`/`Default` TTL means, in seconds (3600 when unknown). */
  autoTtlSeconds?: number;
  /** The records list shows several values of a record set in one cell, one per line. */
  valuesPerLine?: boolean;
};

function documentOf(page: ParentNode): Document {
  return (page as Node).nodeType === 9 ? (page as Document) : ((page as Node).ownerDocument as Document);
}

export function createPageAdapter(profile: PageProfile): RegistrarAdapter {
  const autoTtlSeconds = profile.autoTtlSeconds ?? 3600;
  return {
    id: profile.id,
    displayName: profile.displayName,
    matches: (url) => profile.url.test(url),
    readZone: (page) => readZoneFromPage(documentOf(page)),
    readRecords(page, zone) {
      const zoneName = zone ?? readZoneFromPage(documentOf(page));
      if (!zoneName) return [];
      return listPageRoots(documentOf(page))
        .flatMap((root) => readRecordTable(root, RECORD_LIST_COLUMNS))
        .flatMap((row) =>
          readRowRecords(row, { zone: zoneName, autoTtlSeconds, valuesPerLine: profile.valuesPerLine ?? false }),
        );
    },
    fill: (page, record, zone) =>
      fillRecordForm(documentOf(page), record, zone, {
        displayName: profile.displayName,
        autoTtlSeconds: profile.autoTtlSeconds,
      }),
  };
}
