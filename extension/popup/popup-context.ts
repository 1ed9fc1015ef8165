// What the popup found when it opened (the page's tab and reading, the gateway's domains, the gateway domain picked
// last), kept in one small store: checks started by a timer long after a render read the page's latest state from
// it, and usePopupContext renders it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../shared/error-message.ts';
import type { PageReading } from '../messages/read-page-message.ts';
import { isScriptablePage, type PageTab } from './active-page.ts';
import type { PopupServices } from './popup-services.ts';

export type PopupContext = {
  tab: PageTab | null;
  reading: PageReading | null;
  gatewayDomains: string[] | null;
  gatewayProblem: string | null;
  rememberedGatewayDomain: string | null;
};

export type PopupContextStore = {
  /** The context once gathered, else null. */
  get(): PopupContext | null;
  subscribe(listener: () => void): () => void;
  gather(): Promise<void>;
  /** Reads the page through its content script (injected first with `inject`), and keeps a reading it gets. */
  readPage(inject: boolean): Promise<PageReading | null>;
  /** Reads the page again when it was read before: the admin may have saved a record since. Never rejects. */
  rereadPage(): Promise<void>;
};

async function gatherContext(services: PopupServices): Promise<PopupContext> {
  const pagePromise = (async () => {
    const tab = await services.findPageTab().catch(() => null);
    // Only asks a content script that is already there: injecting needs the admin's click.
    const reading =
      tab && isScriptablePage(tab.url) ? await services.readPage(tab.tabId, { inject: false }).catch(() => null) : null;
    return { tab, reading };
  })();
  const gatewayPromise = services.loadGatewayDomains().then(
    (domains) => ({ domains, problem: null }),
    (error: unknown) => ({
      domains: null,
      problem: `Your mailgate gateway could not be reached: ${errorMessage(error)}`,
    }),
  );
  const [page, gateway, remembered] = await Promise.all([
    pagePromise,
    gatewayPromise,
    services.loadLastGatewayDomain().catch(() => null),
  ]);
  return {
    ...page,
    gatewayDomains: gateway.domains,
    gatewayProblem: gateway.problem,
    rememberedGatewayDomain: remembered,
  };
}

export function createPopupContextStore(services: PopupServices): PopupContextStore {
  let context: PopupContext | null = null;
  const listeners = new Set<() => void>();
  const update = (next: PopupContext) => {
    context = next;
    for (const listener of listeners) listener();
  };
  const store: PopupContextStore = {
    get: () => context,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async gather() {
      update(await gatherContext(services));
    },
    async readPage(inject) {
      const tab = context?.tab;
      if (!tab) return null;
      const reading = await services.readPage(tab.tabId, { inject });
      if (reading && context) update({ ...context, reading });
      return reading;
    },
    async rereadPage() {
      if (context?.tab && context.reading) await store.readPage(false).catch(() => null);
    },
  };
  return store;
}

/** The popup's context, rendered: null until gathered; the store for actions that read or change it. */
export function usePopupContext(services: PopupServices): { context: PopupContext | null; store: PopupContextStore } {
  const store = useMemo(() => createPopupContextStore(services), [services]);
  const [context, setContext] = useState<PopupContext | null>(null);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setContext(store.get()));
    void store.gather();
    return unsubscribe;
  }, [store]);
  return { context, store };
}
