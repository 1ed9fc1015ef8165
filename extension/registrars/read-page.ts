// Answers `mailgate:read-page`: the zone the page manages and the records it already lists, read by its adapter.
import type { PageReading } from '../messages/read-page-message.ts';
import { genericAdapter, selectAdapter } from './index.ts';

export function readPage(doc: Document, url: string): PageReading {
  const adapter = selectAdapter(url);
  const zone = adapter.readZone(doc)?.toLowerCase().replace(/\.$/, '') ?? null;
  return {
    adapter: adapter.id,
    adapterName: adapter.displayName,
    knownRegistrar: adapter !== genericAdapter,
    zone,
    records: zone ? adapter.readRecords(doc, zone) : [],
  };
}
