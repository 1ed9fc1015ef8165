// A console form's check before sending: the API's own zod schema, its complaint shown beside the form.
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

/** The problem of the last check, read out to screen readers as an alert. */
export function FormProblem({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p role="alert" class="notice notice-error form-wide">
      {problem}
    </p>
  );
}
