// What the admin does to the page from the popup, and what it says back: read the page (activeTab), put the Odoo
// helper on it, fill a record then watch for it, copy a record.
import { useState } from 'preact/hooks';
import type { DnsRecord } from '../../shared/api/dns.ts';
import { errorMessage } from '../../shared/error-message.ts';
import type { PopupContextStore } from './popup-context.ts';
import type { PopupServices } from './popup-services.ts';

export type PageActions = {
  /** The last outcome in words (filled, copied, the Odoo helper added, or why not). */
  notice: string | null;
  /** Reading the page after the admin's click. */
  busy: boolean;
  /** Why the page could not be read or helped. */
  problem: string | null;
  readPage(): Promise<void>;
  showOdooOverlay(): Promise<void>;
  fill(record: DnsRecord): Promise<void>;
  copy(text: string): void;
};

export function usePageActions(options: {
  store: PopupContextStore;
  services: PopupServices;
  domain: string | null;
  onFilled: () => void;
}): PageActions {
  const { store, services, domain, onFilled } = options;
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tab = () => store.get()?.tab ?? null;

  return {
    notice,
    busy,
    problem,
    async readPage() {
      if (!tab()) return;
      setBusy(true);
      setProblem(null);
      try {
        const reading = await store.readPage(true);
        if (!reading?.zone) setProblem('No domain name was found on this page.');
      } catch (error) {
        setProblem(`This page could not be read: ${errorMessage(error)}`);
      } finally {
        setBusy(false);
      }
    },
    async showOdooOverlay() {
      const current = tab();
      if (!current) return;
      setProblem(null);
      try {
        await services.showOdooOverlay(current.tabId);
        setNotice('On an Odoo page, the mailgate panel now shows in General Settings and on the mail server forms.');
      } catch (error) {
        setProblem(`The Odoo helper could not be added to this page: ${errorMessage(error)}`);
      }
    },
    async fill(record) {
      const current = tab();
      if (!current || !domain) return;
      setNotice('Filling the form on the page…');
      try {
        const response = await services.fill(current.tabId, record, domain);
        if (!response.ok) return setNotice(`The form could not be filled: ${response.error}`);
        setNotice(
          `Filled ${response.filled.join(', ')} on the page. Check the form and save it: mailgate re-checks DNS until the record shows up.`,
        );
        // The fill put a content script there: from now on the page's records are compared too.
        if (!store.get()?.reading) void store.readPage(false).catch(() => null);
        onFilled();
      } catch (error) {
        setNotice(`The page did not answer: ${errorMessage(error)}`);
      }
    },
    copy(text) {
      void services.copy(text).then(
        () => setNotice('Copied to the clipboard.'),
        (error: unknown) => setNotice(`Could not copy: ${errorMessage(error)}`),
      );
    },
  };
}
