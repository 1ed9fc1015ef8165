// What the popup knows of the page it works on: the registrar and zone it read there, or a button to read it.
import type { PageReading } from '../messages/read-page-message.ts';

export type PagePanelState =
  | { kind: 'none' }
  /** A page no content script runs in yet: the admin may grant it (activeTab) by clicking. */
  | { kind: 'unread'; busy: boolean; problem: string | null }
  | { kind: 'read'; reading: PageReading; coversDomain: boolean };

export type PagePanelProps = {
  state: PagePanelState;
  onReadPage: () => void;
  /** Self-hosted Odoo is on no host the manifest lists: its overlay comes on the admin's click (activeTab). */
  onShowOdooOverlay: () => void;
};

export function PagePanel({ state, onReadPage, onShowOdooOverlay }: PagePanelProps) {
  if (state.kind === 'none') return null;
  if (state.kind === 'unread') {
    return (
      <section class="page-panel" aria-label="This page" data-page="unread">
        <p>Not a registrar page mailgate knows. Is it your DNS page, or your Odoo?</p>
        <div class="page-actions">
          <button type="button" disabled={state.busy} onClick={onReadPage}>
            {state.busy ? 'Reading…' : 'Read this page'}
          </button>
          <button type="button" disabled={state.busy} onClick={onShowOdooOverlay}>
            Odoo mail settings helper
          </button>
        </div>
        {state.problem && (
          <p class="field-problem" role="alert">
            {state.problem}
          </p>
        )}
      </section>
    );
  }
  const { reading, coversDomain } = state;
  const where = reading.knownRegistrar ? `${reading.adapterName} page` : 'This page';
  const records = `${reading.records.length} record${reading.records.length === 1 ? '' : 's'} listed`;
  return (
    <section class="page-panel" aria-label="This page" data-page="read" data-page-zone={reading.zone ?? ''}>
      <p>
        <strong>{where}</strong>
        {reading.zone ? ` · ${reading.zone} · ${records}` : ' · no domain found on it'}
      </p>
      {reading.zone && !coversDomain && <p class="hint">It manages another domain: its records are not compared.</p>}
    </section>
  );
}
