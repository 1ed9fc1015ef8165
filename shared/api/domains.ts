// Wire shapes of alias domains (`/api/domains`).
import { z } from 'zod';

/** RFC 1035 2.3.1 / RFC 5321 4.1.2 local parts as ERPs use them: letters, digits, dot, dash, underscore, plus. */
const localPartSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{1,64}$/, 'a local part of letters, digits, ".", "_" or "-" (at most 64)');

export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'a fully qualified domain name such as example.com',
  );

export const createDomainSchema = z.object({
  name: domainNameSchema,
  catchall: localPartSchema.default('catchall'),
  bounce: localPartSchema.default('bounce'),
});

export const domainSchema = z.object({
  id: z.string(),
  name: z.string(),
  catchall: z.string(),
  bounce: z.string(),
  createdAt: z.string(),
});
export type DomainJson = z.infer<typeof domainSchema>;
