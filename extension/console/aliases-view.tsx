// Aliases: the addresses that create records, file threads, hand over to Odoo, forward or reject; create, edit, delete.
import type { ApiClient } from '../gateway/api-client.ts';
import { CreateAliasForm } from './alias-form.tsx';
import { AliasRow } from './alias-row.tsx';
import { DataTable } from './data-table.tsx';
import { ActionNotice, LoadedView } from './notices.tsx';
import { useAction, useLoader } from './use-loader.ts';

type AliasesClient = Pick<ApiClient, 'listAliases' | 'createAlias' | 'updateAlias' | 'deleteAlias'>;

export function AliasesView({ client }: { client: AliasesClient }) {
  const [aliases, reload] = useLoader(() => client.listAliases(), [client]);
  const [action, perform] = useAction();
  const run = (name: string, work: () => Promise<string>) =>
    perform(name, async () => {
      const notice = await work();
      reload();
      return notice;
    });
  return (
    <section aria-labelledby="aliases-title">
      <h2 id="aliases-title">Aliases</h2>
      <ActionNotice state={action} />
      <LoadedView state={aliases} what="the aliases" onRetry={reload}>
        {(items) =>
          items.length === 0 ? (
            <p class="empty">No alias yet.</p>
          ) : (
            <DataTable caption="Aliases" columns={['Address', 'Action', 'Model / target', 'Who may write']} actions>
              {items.map((alias) => (
                <AliasRow
                  key={alias.id}
                  alias={alias}
                  busy={action.busy !== null}
                  onSave={(changes) =>
                    run(`save-${alias.id}`, async () => {
                      const saved = await client.updateAlias(alias.id, changes);
                      return `Saved ${saved.address}: ${saved.action}${saved.model ? ` → ${saved.model}` : ''}, ${saved.policy}.`;
                    })
                  }
                  onDelete={() =>
                    run(`delete-${alias.id}`, async () => {
                      await client.deleteAlias(alias.id);
                      return `Deleted ${alias.address}.`;
                    })
                  }
                />
              ))}
            </DataTable>
          )
        }
      </LoadedView>
      <CreateAliasForm
        onCreate={(input) =>
          run('create', async () => {
            const created = await client.createAlias(input);
            return `Created ${created.address}.`;
          })
        }
      />
    </section>
  );
}
