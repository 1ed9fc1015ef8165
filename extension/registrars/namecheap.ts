// Namecheap Advanced DNS (ap.www.namecheap.com): an inline new row with placeholders, types named "TXT Record".
import { createFormAdapter } from './create-form-adapter.ts';

export const namecheapAdapter = createFormAdapter({
  id: 'namecheap',
  displayName: 'Namecheap',
  url: /^https:\/\/ap\.www\.namecheap\.com\//,
  columns: { type: /^type$/i, name: /^host$/i, value: /^value$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  labels: { type: /^type$/i, name: /^host$/i, value: /^(value|ip address|target|mail server)$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'at-relative',
  addButton: /^add new record$/i,
  // Namecheap's "Automatic" TTL: their knowledge base gives 30 minutes for automatic host records.
  autoTtlSeconds: 1800,
  typeOption: (type) => new RegExp(`^${type} Record$`, 'i'),
  // Values are typed without quotes; Namecheap splits long TXT values itself.
});
