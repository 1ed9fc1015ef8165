// The form that creates an alias, checked with the API's own rules before anything is sent.
import { useState } from 'preact/hooks';
import { createAliasSchema } from '../../shared/api/aliases.ts';
import type { CreateAliasInput } from '../gateway/api-client.ts';
import { changesOf, emptyDraft, type AliasDraft } from './alias-draft.ts';
import { AliasFields } from './alias-fields.tsx';
import { CardForm, useSchemaCheck } from './form-check.tsx';
import { TextField } from './text-field.tsx';

export function CreateAliasForm({ onCreate }: { onCreate: (input: CreateAliasInput) => Promise<boolean> }) {
  const [address, setAddress] = useState('');
  const [draft, setDraft] = useState<AliasDraft>(emptyDraft);
  const [problem, check] = useSchemaCheck();
  const submit = async () => {
    const changes = changesOf(draft);
    const input = { address: address.trim(), ...changes, action: draft.action, policy: draft.policy };
    // The admin sees which field is wrong before anything is sent.
    if (!check(createAliasSchema, input)) return;
    if (await onCreate(input)) {
      setAddress('');
      setDraft(emptyDraft);
    }
  };
  return (
    <CardForm title="New alias" submitLabel="Create alias" problem={problem} onSubmit={submit}>
      <TextField
        id="new-alias-address"
        label="Address"
        value={address}
        attributes={{ type: 'email', required: true, placeholder: 'support@example.com' }}
        onChange={setAddress}
      />
      <AliasFields draft={draft} onChange={setDraft} idPrefix="new-alias" />
    </CardForm>
  );
}
