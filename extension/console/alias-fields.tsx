// The alias form's fields: the action, the one field the action needs, and who may write.
import { aliasActionSchema, aliasPolicySchema } from '../../shared/api/aliases.ts';
import { ACTION_FIELDS, type AliasAction, type AliasDraft, type AliasPolicy } from './alias-draft.ts';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';

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

/** The action, policy and the one field the action needs, with labels tied to their inputs by `idPrefix`. */
export function AliasFields({
  draft,
  onChange,
  idPrefix,
}: {
  draft: AliasDraft;
  onChange: (draft: AliasDraft) => void;
  idPrefix: string;
}) {
  const set = (changes: Partial<AliasDraft>) => onChange({ ...draft, ...changes });
  const field = ACTION_FIELDS[draft.action];
  return (
    <>
      <SelectField
        id={`${idPrefix}-action`}
        label="Action"
        value={draft.action}
        options={aliasActionSchema.options}
        optionLabels={ACTION_HELP}
        onChange={(action) => set({ action: action || draft.action })}
      />
      {field && (
        <TextField
          id={`${idPrefix}-${field.idSuffix}`}
          label={field.label}
          value={draft[field.key]}
          attributes={field.attributes}
          onChange={(value) => set({ [field.key]: value })}
        />
      )}
      <SelectField
        id={`${idPrefix}-policy`}
        label="Who may write"
        value={draft.policy}
        options={aliasPolicySchema.options}
        optionLabels={POLICY_HELP}
        onChange={(policy) => set({ policy: policy || draft.policy })}
      />
    </>
  );
}
