// AWS Route 53 console: record name before a fixed zone suffix, quoted 255-character TXT strings, MX as "10 host".
import type { RecordToFill } from './registrar-adapter.ts';
import { createFormAdapter } from './create-form-adapter.ts';
import { quoteTxt } from './txt-value.ts';

/** Route 53 wants each TXT string in quotes, at most 255 characters each (Developer Guide, "TXT record type"). */
function formatRoute53Value(record: RecordToFill): string {
  return record.type === 'TXT' ? quoteTxt(record.value) : record.value;
}

export const route53Adapter = createFormAdapter({
  id: 'route53',
  displayName: 'Amazon Route 53',
  url: /^https:\/\/([a-z0-9-]+\.)?console\.aws\.amazon\.com\/route53\//,
  columns: { type: /^type$/i, name: /^record name$/i, value: /^value/i, ttl: /^ttl/i },
  labels: { type: /^record type$/i, name: /^record name$/i, value: /^value$/i, ttl: /^ttl( \(seconds\))?$/i },
  nameStyle: 'blank-relative',
  addButton: /^create record$/i,
  autoTtlSeconds: 300,
  valuesPerLine: true,
  formatValue: formatRoute53Value,
  priorityInValue: true,
});
