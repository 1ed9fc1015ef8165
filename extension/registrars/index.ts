// The registrar adapters, as a table: adding a registrar is one file, one fixture test and one line here.
import { cloudflareAdapter } from './cloudflare.ts';
import { gandiAdapter } from './gandi.ts';
import { genericAdapter } from './generic.ts';
import { godaddyAdapter } from './godaddy.ts';
import { hetznerAdapter } from './hetzner.ts';
import { ionosAdapter } from './ionos.ts';
import { namecheapAdapter } from './namecheap.ts';
import { ovhcloudAdapter } from './ovhcloud.ts';
import { porkbunAdapter } from './porkbun.ts';
import type { RegistrarAdapter } from './registrar-adapter.ts';
import { route53Adapter } from './route53.ts';

export const registrarAdapters: readonly RegistrarAdapter[] = [
  cloudflareAdapter,
  godaddyAdapter,
  namecheapAdapter,
  ovhcloudAdapter,
  gandiAdapter,
  ionosAdapter,
  porkbunAdapter,
  hetznerAdapter,
  route53Adapter,
];

export { genericAdapter };

/** The adapter of the registrar whose page this is, else the generic one. */
export function selectAdapter(url: string): RegistrarAdapter {
  return registrarAdapters.find((adapter) => adapter.matches(url)) ?? genericAdapter;
}
