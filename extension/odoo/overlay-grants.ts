// The tabs and origins the admin put the Odoo overlay into from the popup (a self-hosted Odoo, activeTab): the
// background answers the overlay there too. Session storage: forgotten when the browser closes, and out of reach of
// content scripts (the browsers' default for storage.session).
import { storage } from 'wxt/utils/storage';
import type { InjectionGrant } from '../messages/sender-check.ts';

const overlayGrants = storage.defineItem<InjectionGrant[]>('session:mailgate:odoo-overlay-grants', {
  fallback: [],
  version: 1,
});

export function loadOverlayGrants(): Promise<InjectionGrant[]> {
  return overlayGrants.getValue();
}

/** Remembers the overlay in `grant.tabId` on `grant.origin`, in place of what that tab had before. */
export async function grantOverlay(grant: InjectionGrant): Promise<void> {
  const others = (await overlayGrants.getValue()).filter((existing) => existing.tabId !== grant.tabId);
  await overlayGrants.setValue([...others, grant]);
}

/** Forgets a closed tab's grant (tab ids are reused within a session). */
export async function forgetOverlayTab(tabId: number): Promise<void> {
  const grants = await overlayGrants.getValue();
  if (grants.some((grant) => grant.tabId === tabId))
    await overlayGrants.setValue(grants.filter((grant) => grant.tabId !== tabId));
}
