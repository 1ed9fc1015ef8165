// Inbound log: every received message, where it went and why, filtered by status and route; replay and release.
import { DataTable } from './data-table.tsx';
import { useState } from 'preact/hooks';
import { inboundStatusSchema, type InboundItem } from '../../shared/api/inbound.ts';
import type { ApiClient, InboundStatus } from '../gateway/api-client.ts';
import { formatTime } from './format.ts';
import { ActionNotice, LoadedView, StatusBadge } from './notices.tsx';
import { routeHref } from './route.ts';
import { SelectField } from './select-field.tsx';
import { useAction, useLoader } from './use-loader.ts';

type InboundClient = Pick<ApiClient, 'listInbound' | 'replayInbound' | 'releaseInbound'>;
type InboundPage = Awaited<ReturnType<ApiClient['listInbound']>>;

/** The routes the pipeline writes (shared/api/inbound.ts). */
export const INBOUND_ROUTES = [
  'thread',
  'alias',
  'bounce',
  'triage',
  'quarantine',
  'rejected',
  'dropped',
  'duplicate',
] as const;

/** An address that may wrap after its `@` (a table cell must not grow to the longest address). */
function Address({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at < 0) return <span class="mono">{address}</span>;
  return (
    <span class="mono">
      {address.slice(0, at)}
      <wbr />@{address.slice(at + 1)}
    </span>
  );
}

function InboundRow({
  item,
  busy,
  onReplay,
  onRelease,
}: {
  item: InboundItem;
  busy: string | null;
  onReplay: () => void;
  onRelease: () => void;
}) {
  return (
    <tr data-inbound={item.id} data-status={item.status} data-route={item.route ?? ''}>
      <td class="time">{formatTime(item.receivedAt)}</td>
      <td class="message-cell">
        <span class="message-subject">{item.subject ?? <span class="muted">(no subject)</span>}</span>
        <br />
        <span class="muted">
          <Address address={item.from} /> → <Address address={item.to} />
        </span>
      </td>
      <td>
        <StatusBadge status={item.status} />
        {item.quarantinedAt && <StatusBadge status="quarantined" />}
        <br />
        <span class="mono">{item.route ?? '—'}</span>
      </td>
      <td class="reason">
        {item.reason ?? '—'}
        {item.threadId && (
          <>
            {' '}
            <a href={routeHref({ view: 'threads', threadId: item.threadId })}>Open thread</a>
          </>
        )}
      </td>
      <td class="row-actions">
        <button
          type="button"
          class="button-secondary"
          disabled={busy !== null}
          onClick={onReplay}
          aria-label={`Replay the message ${item.id}`}
        >
          {busy === `replay-${item.id}` ? 'Replaying…' : 'Replay'}
        </button>
        {item.quarantinedAt && (
          <button
            type="button"
            disabled={busy !== null}
            onClick={onRelease}
            aria-label={`Release the message ${item.id}`}
          >
            {busy === `release-${item.id}` ? 'Releasing…' : 'Release'}
          </button>
        )}
      </td>
    </tr>
  );
}

export function InboundView({ client }: { client: InboundClient }) {
  const [status, setStatus] = useState<InboundStatus | ''>('');
  const [route, setRoute] = useState('');
  const filter = { ...(status ? { status } : {}), ...(route ? { route } : {}) };
  const [page, reload, replacePage] = useLoader(() => client.listInbound(filter), [client, status, route]);
  const [action, perform] = useAction();

  /** Puts the row the API answered in place of the old one: the log shows the new outcome at once. */
  const replaceItem = (current: InboundPage, item: InboundItem) =>
    replacePage({ ...current, items: current.items.map((existing) => (existing.id === item.id ? item : existing)) });

  return (
    <section aria-labelledby="inbound-title">
      <h2 id="inbound-title">Inbound log</h2>
      <form class="toolbar" aria-label="Filter the inbound log" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="inbound-status"
          label="Status"
          value={status}
          options={inboundStatusSchema.options}
          anyOption
          onChange={setStatus}
        />
        <SelectField
          id="inbound-route"
          label="Route"
          value={route}
          options={INBOUND_ROUTES}
          anyOption
          onChange={setRoute}
        />
        <button type="button" class="button-secondary" onClick={reload}>
          Refresh
        </button>
      </form>
      <ActionNotice state={action} />
      <LoadedView state={page} what="the inbound log" onRetry={reload}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="empty">No message {status || route ? 'matches these filters' : 'received yet'}.</p>
          ) : (
            <>
              <DataTable caption="Received messages" columns={['Received', 'Message', 'Status / route', 'Why']} actions>
                {data.items.map((item) => (
                  <InboundRow
                    key={item.id}
                    item={item}
                    busy={action.busy}
                    onReplay={() =>
                      void perform(`replay-${item.id}`, async () => {
                        const replayed = await client.replayInbound(item.id);
                        replaceItem(data, replayed);
                        return `Replayed: ${replayed.status}${replayed.reason ? ` — ${replayed.reason}` : ''}.`;
                      })
                    }
                    onRelease={() =>
                      void perform(`release-${item.id}`, async () => {
                        const released = await client.releaseInbound(item.id);
                        replaceItem(data, released);
                        return `Released: ${released.status}${released.reason ? ` — ${released.reason}` : ''}.`;
                      })
                    }
                  />
                ))}
              </DataTable>
              {data.nextCursor && (
                <button
                  type="button"
                  class="button-secondary"
                  disabled={action.busy !== null}
                  onClick={() =>
                    void perform('more', async () => {
                      const next = await client.listInbound({ ...filter, before: data.nextCursor! });
                      replacePage({ items: [...data.items, ...next.items], nextCursor: next.nextCursor });
                    })
                  }
                >
                  Load more
                </button>
              )}
            </>
          )
        }
      </LoadedView>
    </section>
  );
}
