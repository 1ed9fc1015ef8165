// One alias in the list: its address, action, target and policy; edited in place, deleted after a confirmation.
import { useState } from 'preact/hooks';
import type { AliasJson } from '../../shared/api/aliases.ts';
import type { UpdateAliasInput } from '../gateway/api-client.ts';
import { changesOf, draftOf, type AliasDraft } from './alias-draft.ts';
import { AliasFields } from './alias-fields.tsx';
import { ConfirmButtons } from './confirm-buttons.tsx';

export function AliasRow({
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
          <ConfirmButtons
            label="Confirm delete"
            description={`Confirm deleting ${alias.address}`}
            busy={busy}
            onConfirm={() => void onDelete()}
            onKeep={() => setConfirmingDelete(false)}
          />
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
