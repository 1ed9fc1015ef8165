// Gandi LiveDNS (admin.gandi.net): a modal with native selects; TXT in zone-file quotes, absolute hostnames.
import type { RecordToFill } from './registrar-adapter.ts';
import { createFormAdapter } from './create-form-adapter.ts';
import { quoteTxt } from './txt-value.ts';

function formatGandiValue(record: RecordToFill): string {
  if (record.type === 'TXT') return quoteTxt(record.value);
  if (record.type === 'MX' || record.type === 'CNAME' || record.type === 'NS') return `${record.value.replace(/\.$/, '')}.`;
  return record.value;
}

export const gandiAdapter = createFormAdapter({
  id: 'gandi',
  displayName: 'Gandi',
  url: /^https:\/\/admin\.gandi\.net\//,
  columns: { type: /^type$/i, name: /^name$/i, value: /^value$/i, ttl: /^ttl$/i },
  labels: { type: /^type$/i, name: /^name$/i, value: /^(text value|value|hostname|target)$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'at-relative',
  addButton: /^add( a)? record$/i,
  autoTtlSeconds: 10800,
  formatValue: formatGandiValue,
});
