// Bounces & suppressions: the addresses the ERP must not mail (add one by hand, lift one), and the bounce log behind
// them.
import { DataTable } from './data-table.tsx';
import { useState } from 'preact/hooks';
import type { SuppressionJson } from '../../shared/api/bounces.ts';
import type { ApiClient } from '../gateway/api-client.ts';
import { ConfirmButtons } from './confirm-buttons.tsx';
import { formatTime } from './format.ts';
import { ActionNotice, LoadedView, StatusBadge } from './notices.tsx';
import { routeHref } from './route.ts';
import { AddSuppressionForm } from './suppression-form.tsx';
import { useAction, useLoader } from './use-loader.ts';

type BouncesClient = Pick<ApiClient, 'listSuppressions' | 'liftSuppression' | 'addSuppression' | 'listBounces'>;

function SuppressionRow({
  entry,
  busy,
  onLift,
}: {
  entry: SuppressionJson;
  busy: boolean;
  onLift: (force: boolean) => void;
}) {
  const [confirmingComplaint, setConfirmingComplaint] = useState(false);
  return (
    <tr data-suppression={entry.address}>
      <th scope="row" class="mono">
        {entry.address}
      </th>
      <td>{entry.reason ?? '—'}</td>
      <td>{entry.source ?? '—'}</td>
      <td class="numeric">{entry.bounceCount}</td>
      <td class="nowrap">{formatTime(entry.suppressedAt)}</td>
      <td class="row-actions">
        {!entry.complained ? (
          <button
            type="button"
            class="button-secondary"
            disabled={busy}
            onClick={() => onLift(false)}
            aria-label={`Lift the suppression of ${entry.address}`}
          >
            Lift
          </button>
        ) : confirmingComplaint ? (
          <ConfirmButtons
            label="Lift despite complaint"
            description={`Lift despite the complaint of ${entry.address}`}
            busy={busy}
            onConfirm={() => onLift(true)}
            onKeep={() => setConfirmingComplaint(false)}
          />
        ) : (
          <button
            type="button"
            class="button-secondary"
            disabled={busy}
            onClick={() => setConfirmingComplaint(true)}
            aria-label={`Lift the complaint suppression of ${entry.address}`}
          >
            Lift…
          </button>
        )}
      </td>
    </tr>
  );
}

export function BouncesView({ client }: { client: BouncesClient }) {
  const [suppressions, reloadSuppressions] = useLoader(() => client.listSuppressions(), [client]);
  const [bounces, reloadBounces] = useLoader(() => client.listBounces(), [client]);
  const [action, perform] = useAction();
  return (
    <section aria-labelledby="bounces-title">
      <h2 id="bounces-title">Bounces &amp; suppressions</h2>
      <h3>Suppressed addresses</h3>
      <p class="muted">The ERP asks before each send; a lifted address may be mailed again.</p>
      <ActionNotice state={action} />
      <LoadedView state={suppressions} what="the suppression list" onRetry={reloadSuppressions}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="empty">No address is suppressed.</p>
          ) : (
            <DataTable
              caption="Suppressed addresses"
              columns={['Address', 'Why', 'Source', 'Bounces', 'Since']}
              actions
            >
              {page.items.map((entry) => (
                <SuppressionRow
                  key={entry.address}
                  entry={entry}
                  busy={action.busy !== null}
                  onLift={(force) =>
                    void perform(`lift-${entry.address}`, async () => {
                      await client.liftSuppression(entry.address, { force });
                      reloadSuppressions();
                      return `Lifted the suppression of ${entry.address}.`;
                    })
                  }
                />
              ))}
            </DataTable>
          )
        }
      </LoadedView>
      <AddSuppressionForm
        onAdd={(input) =>
          perform('add', async () => {
            const result = await client.addSuppression(input);
            reloadSuppressions();
            const address = result.results[0]?.address ?? input.address;
            return result.alreadyThere > 0
              ? `${address} was already suppressed in ${result.domain}: its entry is kept.`
              : `Suppressed ${address} in ${result.domain}.`;
          })
        }
      />
      <h3>Bounce log</h3>
      <LoadedView state={bounces} what="the bounce log" onRetry={reloadBounces}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="empty">No bounce received.</p>
          ) : (
            <DataTable
              caption="Bounces and complaints received"
              columns={['Received', 'Address', 'Kind', 'Status', 'Reason', 'Diagnostic']}
            >
              {page.items.map((bounce) => (
                <tr key={bounce.id} data-bounce={bounce.id}>
                  <td class="nowrap">{formatTime(bounce.receivedAt)}</td>
                  <td class="mono">{bounce.address}</td>
                  <td>
                    {bounce.kind}
                    {bounce.permanent && (
                      <>
                        {' '}
                        <StatusBadge status="permanent" />
                      </>
                    )}
                  </td>
                  <td class="mono">{bounce.status ?? '—'}</td>
                  <td>
                    {bounce.reason ?? '—'}
                    {bounce.threadId && (
                      <>
                        {' '}
                        <a href={routeHref({ view: 'threads', threadId: bounce.threadId })}>thread</a>
                      </>
                    )}
                  </td>
                  <td class="diagnostic">{bounce.diagnostic ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </LoadedView>
    </section>
  );
}
