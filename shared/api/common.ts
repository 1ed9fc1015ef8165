// Wire shapes common to every API resource: errors, pagination, addresses.
import { z } from 'zod';

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Pages are cut by id (ids sort by creation time): `before` is the last id of the previous page. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().min(1).max(64).optional(),
});

export const mailboxSchema = z.object({ address: z.string(), name: z.string().optional() });
export type MailboxJson = z.infer<typeof mailboxSchema>;

/** A domain a request names (a `domain` field, `?domain=`), compared lower-case; absent, the route's own rule decides. */
export const optionalDomainNameSchema = z
  .string()
  .min(1)
  .max(253)
  .transform((name) => name.toLowerCase())
  .optional();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
