// What the popup remembers between openings, as WXT storage items (typed, versioned, with a fallback): per domain,
// the admin's expectations and when they started waiting for records; the gateway domain picked last. The keys are
// the ones earlier versions wrote, so nothing remembered is lost; a change of shape bumps `version` with a migration.
import { storage } from 'wxt/utils/storage';
import type { ExpectationChoice } from './expectation-choice.ts';

/** Per domain: choices are about one domain's setup and must not leak into another one's checklist. */
export function expectationChoiceItem(domain: string) {
  return storage.defineItem<ExpectationChoice | null>(`local:mailgate:expectations:${domain}`, {
    fallback: null,
    version: 1,
  });
}

/** When the admin started waiting for this domain's records (ms since the epoch). */
export function watchStartItem(domain: string) {
  return storage.defineItem<number | null>(`local:mailgate:watch:${domain}`, { fallback: null, version: 1 });
}

/** The gateway domain picked last, preselected next time the popup has no better source. */
export const lastGatewayDomainItem = storage.defineItem<string | null>('local:mailgate:popup:gateway-domain', {
  fallback: null,
  version: 1,
});
