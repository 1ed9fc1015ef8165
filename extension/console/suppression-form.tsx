// The form that adds an address to a domain's suppression list by hand: the address, an optional note (the reason the
// list shows), and the domain when the token serves several.
import type { ComponentProps } from 'preact';
import { useState } from 'preact/hooks';
import { addSuppressionSchema } from '../../shared/api/bounces.ts';
import type { AddSuppressionInput } from '../gateway/api-client.ts';
import { CardForm, useSchemaCheck } from './form-check.tsx';
import { TextField } from './text-field.tsx';

export function AddSuppressionForm({ onAdd }: { onAdd: (input: AddSuppressionInput) => Promise<boolean> }) {
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [domain, setDomain] = useState('');
  const [problem, check] = useSchemaCheck();
  const submit = async () => {
    const input: AddSuppressionInput = {
      address: address.trim(),
      ...(note.trim() ? { reason: note.trim() } : {}),
      ...(domain.trim() ? { domain: domain.trim() } : {}),
    };
    if (!check(addSuppressionSchema, input)) return;
    if (await onAdd(input)) {
      setAddress('');
      setNote('');
    }
  };
  const fields: ComponentProps<typeof TextField>[] = [
    {
      id: 'suppression-address',
      label: 'Address',
      value: address,
      onChange: setAddress,
      attributes: { type: 'email', required: true, placeholder: 'customer@example.org' },
    },
    {
      id: 'suppression-note',
      label: 'Note (optional)',
      value: note,
      onChange: setNote,
      attributes: { placeholder: 'asked not to be mailed', maxLength: 500 },
    },
    {
      id: 'suppression-domain',
      label: 'Domain (when the token serves several)',
      value: domain,
      onChange: setDomain,
      attributes: { placeholder: 'example.com' },
    },
  ];
  return (
    <CardForm
      title="Add an address"
      description="Add an address to the suppression list"
      submitLabel="Add"
      problem={problem}
      onSubmit={submit}
    >
      {fields.map((field) => (
        <TextField key={field.id} {...field} />
      ))}
    </CardForm>
  );
}
