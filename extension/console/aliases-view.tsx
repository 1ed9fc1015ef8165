// Aliases: the addresses that create records, file threads, hand over to Odoo, forward or reject; create, edit, delete.
import { DataTable } from './data-table.tsx';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { aliasActionSchema, aliasPolicySchema, createAliasSchema, type AliasJson } from '../../shared/api/aliases.ts';
import type { ApiClient, CreateAliasInput, UpdateAliasInput } from '../gateway/api-client.ts';
import { ActionNotice, LoadedView } from './notices.tsx';
import { useAction, useLoader } from './use-loader.ts';

type AliasesClient = Pick<ApiClient, 'listAliases' | 'createAlias' | 'updateAlias' | 'deleteAlias'>;
type AliasAction = z.infer<typeof aliasActionSchema>;
type AliasPolicy = z.infer<typeof aliasPolicySchema>;

const ACTION_HELP: Record<AliasAction, string> = {
  record: 'record — a new ERP record (needs a model)',
  thread: 'thread — a thread, no record',
  odoo: "odoo — Odoo's own message_process",
  forward: 'forward — pass on to an address',
  reject: 'reject — refuse with a message',
};
const POLICY_HELP: Record<AliasPolicy, string> = {
  everyone: 'everyone',
  authenticated: 'authenticated senders',
  known: 'known contacts',
  followers: 'followers of the thread',
};

type AliasDraft = {
  action: AliasAction;
  model: string;
  policy: AliasPolicy;
  forwardTo: string;
  odooTargetId: string;
  bounceMessage: string;
};

const emptyDraft: AliasDraft = {
  action: 'record',
  model: '',
  policy: 'everyone',
  forwardTo: '',
  odooTargetId: '',
  bounceMessage: '',
};

function draftOf(alias: AliasJson): AliasDraft {
  return {
    action: alias.action,
    model: alias.model ?? '',
    policy: alias.policy,
    forwardTo: alias.forwardTo ?? '',
    odooTargetId: alias.odooTargetId ?? '',
    bounceMessage: alias.bounceMessage ?? '',
  };
}

/** The fields an action uses, the others null: a record alias turned into a thread alias drops its model. */
function changesOf(draft: AliasDraft): UpdateAliasInput {
  return {
    action: draft.action,
    policy: draft.policy,
    model: draft.action === 'record' ? draft.model.trim() || null : null,
    forwardTo: draft.action === 'forward' ? draft.forwardTo.trim() || null : null,
    odooTargetId: draft.action === 'odoo' ? draft.odooTargetId.trim() || null : null,
    bounceMessage: draft.action === 'reject' ? draft.bounceMessage.trim() || null : null,
  };
}

/** The action, policy and the one field the action needs, with labels tied to their inputs by `idPrefix`. */
function AliasFields({
  draft,
  onChange,
  idPrefix,
}: {
  draft: AliasDraft;
  onChange: (draft: AliasDraft) => void;
  idPrefix: string;
}) {
  const set = (changes: Partial<AliasDraft>) => onChange({ ...draft, ...changes });
  return (
    <>
      <label for={`${idPrefix}-action`}>Action</label>
      <select
        id={`${idPrefix}-action`}
        value={draft.action}
        onChange={(event) => set({ action: event.currentTarget.value as AliasAction })}
      >
        {aliasActionSchema.options.map((action) => (
          <option key={action} value={action}>
            {ACTION_HELP[action]}
          </option>
        ))}
      </select>
      {draft.action === 'record' && (
        <>
          <label for={`${idPrefix}-model`}>ERP model</label>
          <input
            id={`${idPrefix}-model`}
            value={draft.model}
            placeholder="crm.lead"
            onInput={(event) => set({ model: event.currentTarget.value })}
          />
        </>
      )}
      {draft.action === 'forward' && (
        <>
          <label for={`${idPrefix}-forward`}>Forward to</label>
          <input
            id={`${idPrefix}-forward`}
            type="email"
            value={draft.forwardTo}
            onInput={(event) => set({ forwardTo: event.currentTarget.value })}
          />
        </>
      )}
      {draft.action === 'odoo' && (
        <>
          <label for={`${idPrefix}-odoo`}>Odoo target id</label>
          <input
            id={`${idPrefix}-odoo`}
            value={draft.odooTargetId}
            placeholder="odo_…"
            onInput={(event) => set({ odooTargetId: event.currentTarget.value })}
          />
        </>
      )}
      {draft.action === 'reject' && (
        <>
          <label for={`${idPrefix}-bounce`}>Rejection message</label>
          <input
            id={`${idPrefix}-bounce`}
            value={draft.bounceMessage}
            onInput={(event) => set({ bounceMessage: event.currentTarget.value })}
          />
        </>
      )}
      <label for={`${idPrefix}-policy`}>Who may write</label>
      <select
        id={`${idPrefix}-policy`}
        value={draft.policy}
        onChange={(event) => set({ policy: event.currentTarget.value as AliasPolicy })}
      >
        {aliasPolicySchema.options.map((policy) => (
          <option key={policy} value={policy}>
            {POLICY_HELP[policy]}
          </option>
        ))}
      </select>
    </>
  );
}

function CreateAliasForm({ onCreate }: { onCreate: (input: CreateAliasInput) => Promise<boolean> }) {
  const [address, setAddress] = useState('');
  const [draft, setDraft] = useState<AliasDraft>(emptyDraft);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const changes = changesOf(draft);
    const input = { address: address.trim(), ...changes, action: draft.action, policy: draft.policy };
    // The same rules as the API, checked here first: the admin sees which field is wrong before anything is sent.
    const check = createAliasSchema.safeParse(input);
    if (!check.success) {
      setProblem(z.prettifyError(check.error));
      return;
    }
    setProblem(null);
    if (await onCreate(input)) {
      setAddress('');
      setDraft(emptyDraft);
    }
  };
  return (
    <form class="card form-grid" aria-label="New alias" onSubmit={(event) => void submit(event)}>
      <h3 class="form-title">New alias</h3>
      <label for="new-alias-address">Address</label>
      <input
        id="new-alias-address"
        type="email"
        required
        placeholder="support@example.com"
        value={address}
        onInput={(event) => setAddress(event.currentTarget.value)}
      />
      <AliasFields draft={draft} onChange={setDraft} idPrefix="new-alias" />
      {problem && (
        <p role="alert" class="notice notice-error form-wide">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit">Create alias</button>
      </div>
    </form>
  );
}

function AliasRow({
  alias,
  busy,
  onSave,
  onDelete,
}: {
  alias: AliasJson;
  busy: boolean;
  onSave: (changes: UpdateAliasInput) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<AliasDraft | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  if (draft) {
    return (
      <tr data-alias={alias.address} class="editing">
        <th scope="row">{alias.address}</th>
        <td colSpan={4}>
          <form
            class="form-grid form-inline"
            aria-label={`Edit ${alias.address}`}
            onSubmit={(event) => {
              event.preventDefault();
              void onSave(changesOf(draft)).then((saved) => saved && setDraft(null));
            }}
          >
            <AliasFields draft={draft} onChange={setDraft} idPrefix={`edit-${alias.id}`} />
            <div class="form-actions">
              <button type="submit" disabled={busy}>
                Save
              </button>
              <button type="button" class="button-secondary" onClick={() => setDraft(null)}>
                Cancel
              </button>
            </div>
          </form>
        </td>
      </tr>
    );
  }
  return (
    <tr data-alias={alias.address}>
      <th scope="row" class="mono">
        {alias.address}
      </th>
      <td>{alias.action}</td>
      <td class="mono">{alias.model ?? alias.forwardTo ?? alias.odooTargetId ?? '—'}</td>
      <td>{alias.policy}</td>
      <td class="row-actions">
        {confirmingDelete ? (
          <>
            <button
              type="button"
              class="button-danger"
              disabled={busy}
              onClick={() => void onDelete()}
              aria-label={`Confirm deleting ${alias.address}`}
            >
              Confirm delete
            </button>
            <button type="button" class="button-secondary" onClick={() => setConfirmingDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              class="button-secondary"
              onClick={() => setDraft(draftOf(alias))}
              aria-label={`Edit ${alias.address}`}
            >
              Edit
            </button>
            <button
              type="button"
              class="button-secondary"
              onClick={() => setConfirmingDelete(true)}
              aria-label={`Delete ${alias.address}`}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

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
