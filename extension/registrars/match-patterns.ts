// The URL patterns of the registrar DNS pages the content script is declared on (manifest data, no DOM).

/** One entry per registrar adapter id; the adapters' `matches(url)` must agree with these patterns. */
export const registrarMatchPatterns = {
  cloudflare: ['https://dash.cloudflare.com/*'],
  godaddy: ['https://dcc.godaddy.com/*'],
  namecheap: ['https://ap.www.namecheap.com/*'],
  ovhcloud: [
    'https://www.ovh.com/manager/*',
    'https://manager.eu.ovhcloud.com/*',
    'https://ca.ovh.com/manager/*',
    'https://us.ovhcloud.com/manager/*',
  ],
  gandi: ['https://admin.gandi.net/*'],
  ionos: [
    'https://my.ionos.com/*',
    'https://my.ionos.de/*',
    'https://my.ionos.co.uk/*',
    'https://my.ionos.fr/*',
    'https://my.ionos.es/*',
  ],
  porkbun: ['https://porkbun.com/*'],
  hetzner: ['https://dns.hetzner.com/*'],
  route53: ['https://console.aws.amazon.com/*', 'https://*.console.aws.amazon.com/*'],
} as const satisfies Record<string, readonly string[]>;

/** Every registrar pattern, flattened: the content script's `matches` and part of the host permissions. */
export const allRegistrarMatchPatterns: string[] = Object.values(registrarMatchPatterns).flat();

/** Odoo Online / odoo.sh instances; self-hosted ERPs are reached through `activeTab` instead. */
export const erpMatchPatterns: string[] = ['https://*.odoo.com/*'];

/** DNS-over-HTTPS endpoints the checklist resolves through (docs/contracts.md: Cloudflare by default). */
export const dohHostPermissions: string[] = ['https://cloudflare-dns.com/*', 'https://dns.google/*'];

/** Added by the e2e build only: fixtures are served on 127.0.0.1 (a pattern without a port matches every port). */
export const e2eMatchPattern = 'http://127.0.0.1/*';
