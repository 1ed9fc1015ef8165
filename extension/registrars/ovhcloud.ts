// OVHcloud Control Panel (DNS zone tab): type tiles, sub-domain before a fixed suffix, absolute targets.
import type { RecordToFill } from './registrar-adapter.ts';
import { createFormAdapter } from './create-form-adapter.ts';
import { quoteTxt, TXT_STRING_MAX_OCTETS } from './txt-value.ts';

/** TXT over 255 octets must be written as several quoted strings; shorter text is typed as it is. */
function formatOvhValue(record: RecordToFill): string {
  if (record.type === 'TXT') return new TextEncoder().encode(record.value).length > TXT_STRING_MAX_OCTETS ? quoteTxt(record.value) : record.value;
  // A target without its final dot would be read as relative to the zone (RFC 1035 5.1).
  if (record.type === 'MX' || record.type === 'CNAME' || record.type === 'NS') return `${record.value.replace(/\.$/, '')}.`;
  return record.value;
}

export const ovhcloudAdapter = createFormAdapter({
  id: 'ovhcloud',
  displayName: 'OVHcloud',
  url: /^https:\/\/(www\.ovh\.com|ca\.ovh\.com|us\.ovhcloud\.com)\/manager\/|^https:\/\/manager\.[a-z]+\.ovhcloud\.com\//,
  columns: { type: /^type$/i, name: /^domain$/i, value: /^target$/i, ttl: /^ttl$/i },
  labels: { type: /^(field type|record type)$/i, name: /^sub-?domain$/i, value: /^(target|value)$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'blank-relative',
  addButton: /^add an entry$/i,
  // TTL 0 in OVH's list means "the zone's default", 3600 unless changed.
  autoTtlSeconds: 3600,
  formatValue: formatOvhValue,
});
