// Hetzner DNS Console (dns.hetzner.com): an inline add row; zone-file values (quoted TXT, `10 host.` for MX).
import type { RecordToFill } from './registrar-adapter.ts';
import { createFormAdapter } from './create-form-adapter.ts';
import { quoteTxt } from './txt-value.ts';

function formatHetznerValue(record: RecordToFill): string {
  if (record.type === 'TXT') return quoteTxt(record.value);
  if (record.type === 'MX' || record.type === 'CNAME' || record.type === 'NS') return `${record.value.replace(/\.$/, '')}.`;
  return record.value;
}

export const hetznerAdapter = createFormAdapter({
  id: 'hetzner',
  displayName: 'Hetzner DNS',
  url: /^https:\/\/dns\.hetzner\.com\//,
  columns: { type: /^type$/i, name: /^name$/i, value: /^value$/i, ttl: /^ttl$/i },
  labels: { type: /^type$/i, name: /^name$/i, value: /^value$/i, ttl: /^ttl$/i },
  nameStyle: 'at-relative',
  // Hetzner's default TTL is 86400 ("Default (86400)").
  autoTtlSeconds: 86400,
  formatValue: formatHetznerValue,
  priorityInValue: true,
});
