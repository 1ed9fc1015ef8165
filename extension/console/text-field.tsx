// A labelled text input of a console form, its label tied to it by `id`.
import type { InputHTMLAttributes } from 'preact';

export function TextField({
  id,
  label,
  value,
  onChange,
  attributes,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The input's other attributes: its type, `required`, a placeholder… */
  attributes?: InputHTMLAttributes;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <input {...attributes} id={id} value={value} onInput={(event) => onChange(event.currentTarget.value)} />
    </>
  );
}
