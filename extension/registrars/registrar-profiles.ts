// The registrars the extension knows by URL: their pages are filled by the generic reader; a profile only names the
// registrar and says what its page cannot (what its "Auto" TTL means, how its list groups values).
import type { PageProfile } from './page-adapter.ts';

export const registrarProfiles: readonly PageProfile[] = [
  // Cloudflare's "Auto" TTL is 300 seconds (developers.cloudflare.com/dns/manage-dns-records/reference/ttl/).
  { id: 'cloudflare', displayName: 'Cloudflare', url: /^https:\/\/dash\.cloudflare\.com\//, autoTtlSeconds: 300 },
  { id: 'godaddy', displayName: 'GoDaddy', url: /^https:\/\/dcc\.godaddy\.com\// },
  // Namecheap's "Automatic" TTL: their knowledge base gives 30 minutes for automatic host records.
  { id: 'namecheap', displayName: 'Namecheap', url: /^https:\/\/ap\.www\.namecheap\.com\//, autoTtlSeconds: 1800 },
  // TTL 0 in OVH's list means "the zone's default", 3600 unless changed.
  {
    id: 'ovhcloud',
    displayName: 'OVHcloud',
    url: /^https:\/\/(www\.ovh\.com|ca\.ovh\.com|us\.ovhcloud\.com)\/manager\/|^https:\/\/manager\.[a-z]+\.ovhcloud\.com\//,
    autoTtlSeconds: 3600,
  },
  { id: 'gandi', displayName: 'Gandi', url: /^https:\/\/admin\.gandi\.net\//, autoTtlSeconds: 10800 },
  { id: 'ionos', displayName: 'IONOS', url: /^https:\/\/my\.ionos\.[a-z.]+\// },
  { id: 'porkbun', displayName: 'Porkbun', url: /^https:\/\/porkbun\.com\/account\//, autoTtlSeconds: 600 },
  // Hetzner's default TTL is 86400 ("Default (86400)").
  { id: 'hetzner', displayName: 'Hetzner DNS', url: /^https:\/\/dns\.hetzner\.com\//, autoTtlSeconds: 86400 },
  // Route 53 lists the values of a record set in one cell, one per line.
  {
    id: 'route53',
    displayName: 'Amazon Route 53',
    url: /^https:\/\/([a-z0-9-]+\.)?console\.aws\.amazon\.com\/route53\//,
    autoTtlSeconds: 300,
    valuesPerLine: true,
  },
];
