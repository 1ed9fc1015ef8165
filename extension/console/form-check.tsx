// A console form in a card, checked before sending with the API's own zod schema, its complaint shown in the form.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { z } from 'zod';

/** The problem to show (null: none yet), and a check that sets it: true when `input` passes `schema`. */
export function useSchemaCheck(): [string | null, (schema: z.ZodType, input: unknown) => boolean] {
  const [problem, setProblem] = useState<string | null>(null);
  const check = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    setProblem(result.success ? null : z.prettifyError(result.error));
    return result.success;
  };
  return [problem, check];
}

/** The form: its title, its fields, the problem of the last check (read out as an alert), its submit button. */
export function CardForm({
  title,
  description,
  submitLabel,
  problem,
  onSubmit,
  children,
}: {
  title: string;
  /** The form's accessible name, when the title alone would be ambiguous. */
  description?: string;
  submitLabel: string;
  problem: string | null;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
}) {
  return (
    <form
      class="card form-grid"
      aria-label={description ?? title}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 class="form-title">{title}</h3>
      {children}
      {problem && (
        <p role="alert" class="notice notice-error form-wide">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
