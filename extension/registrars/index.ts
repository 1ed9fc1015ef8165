// The adapters, as a table: a known registrar is one profile line (registrar-profiles.ts) and one fixture test.
import { genericAdapter } from './generic.ts';
import { createPageAdapter } from './page-adapter.ts';
import { registrarProfiles } from './registrar-profiles.ts';
import type { RegistrarAdapter } from './registrar-adapter.ts';

export const registrarAdapters: readonly RegistrarAdapter[] = registrarProfiles.map(createPageAdapter);

export { genericAdapter };

/** The adapter of the registrar whose page this is, else the generic one. */
export function selectAdapter(url: string): RegistrarAdapter {
  return registrarAdapters.find((adapter) => adapter.matches(url)) ?? genericAdapter;
}
