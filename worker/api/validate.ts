// Input validation with zod on every route: a failure is a 400 whose message says which field is wrong and why.
import { validator } from 'hono/validator';
import { z } from 'zod';
import { ApiError } from './errors.ts';

type Target = 'json' | 'query' | 'param';

export function validate<Schema extends z.ZodType, T extends Target>(target: T, schema: Schema) {
  return validator(target, (value): z.output<Schema> => {
    const result = schema.safeParse(value);
    if (!result.success) throw new ApiError(400, 'invalid_input', z.prettifyError(result.error));
    return result.data;
  });
}
