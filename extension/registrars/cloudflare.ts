// Cloudflare dashboard (dash.cloudflare.com → DNS → Records): react comboboxes, `@` or relative names.
import { createFormAdapter } from './create-form-adapter.ts';

export const cloudflareAdapter = createFormAdapter({
  id: 'cloudflare',
  displayName: 'Cloudflare',
  url: /^https:\/\/dash\.cloudflare\.com\//,
  columns: { type: /^type$/i, name: /^name$/i, value: /^content$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  labels: {
    type: /^type$/i,
    name: /^name$/i,
    // The content field is named after the type: Content (TXT), Mail server (MX), Target (CNAME), IPv4 address (A).
    value: /^(content|mail server|target|ipv4 address|ipv6 address|nameserver)$/i,
    ttl: /^ttl$/i,
    priority: /^priority$/i,
  },
  nameStyle: 'at-relative',
  addButton: /^add record$/i,
  // Cloudflare's "Auto" TTL is 300 seconds (developers.cloudflare.com/dns/manage-dns-records/reference/ttl/).
  autoTtlSeconds: 300,
  // The content is typed as plain text: Cloudflare splits TXT content over 255 characters itself.
});
