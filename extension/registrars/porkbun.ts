// Porkbun (porkbun.com/account/domainsSpeedy): native selects, host left blank for the root, full names listed.
import { createFormAdapter } from './create-form-adapter.ts';

export const porkbunAdapter = createFormAdapter({
  id: 'porkbun',
  displayName: 'Porkbun',
  url: /^https:\/\/porkbun\.com\/account\//,
  columns: { type: /^type$/i, name: /^host$/i, value: /^answer/i, ttl: /^ttl$/i, priority: /^priority$/i },
  labels: { type: /^type$/i, name: /^host$/i, value: /^answer( \/ value)?$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'blank-relative',
  autoTtlSeconds: 600,
});
