// Threads: the conversations the gateway filed, searchable by subject or participant, newest first.
import { DataTable } from './data-table.tsx';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../gateway/api-client.ts';
import { formatTime } from './format.ts';
import { ActionNotice, LoadedView } from './notices.tsx';
import { routeHref } from './route.ts';
import { useAction, useLoader } from './use-loader.ts';

type ThreadsClient = Pick<ApiClient, 'listThreads'>;
type ThreadPage = Awaited<ReturnType<ApiClient['listThreads']>>;

export function ThreadsView({ client }: { client: ThreadsClient }) {
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [page, reload, replacePage] = useLoader(() => client.listThreads(query ? { q: query } : {}), [client, query]);
  const [more, perform] = useAction();

  const loadMore = (current: ThreadPage) =>
    perform('more', async () => {
      const next = await client.listThreads({ ...(query ? { q: query } : {}), before: current.nextCursor! });
      replacePage({ items: [...current.items, ...next.items], nextCursor: next.nextCursor });
    });

  return (
    <section aria-labelledby="threads-title">
      <h2 id="threads-title">Threads</h2>
      <form
        class="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(searchText.trim());
        }}
      >
        <label for="thread-search">Search subject or participant</label>
        <input
          id="thread-search"
          type="search"
          value={searchText}
          placeholder="chairs, ann@customer.example…"
          onInput={(event) => setSearchText(event.currentTarget.value)}
        />
        <button type="submit">Search</button>
        {query && (
          <button
            type="button"
            class="button-secondary"
            onClick={() => {
              setSearchText('');
              setQuery('');
            }}
          >
            Clear
          </button>
        )}
      </form>
      <LoadedView state={page} what="the threads" onRetry={reload}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="empty">{query ? `No thread matches “${query}”.` : 'No thread yet.'}</p>
          ) : (
            <>
              <DataTable
                caption={<>Threads{query ? ` matching ${query}` : ''}</>}
                columns={['Subject', 'Messages', 'Last message', 'ERP record']}
              >
                {data.items.map((thread) => (
                  <tr key={thread.id} data-thread={thread.id}>
                    <th scope="row">
                      <a href={routeHref({ view: 'threads', threadId: thread.id })}>
                        {thread.subject || '(no subject)'}
                      </a>
                    </th>
                    <td class="numeric">{thread.messageCount}</td>
                    <td>{formatTime(thread.lastMessageAt)}</td>
                    <td class="mono">{thread.record ? `${thread.record.model} #${thread.record.id}` : '—'}</td>
                  </tr>
                ))}
              </DataTable>
              {data.nextCursor && (
                <button
                  type="button"
                  class="button-secondary"
                  disabled={more.busy !== null}
                  onClick={() => void loadMore(data)}
                >
                  {more.busy ? 'Loading…' : 'Load more'}
                </button>
              )}
              <ActionNotice state={more} />
            </>
          )
        }
      </LoadedView>
    </section>
  );
}
