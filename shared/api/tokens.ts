// Wire shapes of API tokens (`/api/tokens`): scoped, optionally bound to one domain, shown once.
import { z } from 'zod';
import { domainNameSchema } from './domains.ts';

/** `ingress`: an MTA relay's token, good only for `POST /api/ingress/raw`. */
export const tokenScopeSchema = z.enum(['admin', 'read', 'write', 'ingress']);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: tokenScopeSchema,
    /** Binds a `read`/`write`/`ingress` token to one domain (the hosted mailserver's "domain administrator"). */
    domain: domainNameSchema.optional(),
    /** `ingress` only: the relay is the admin's own MTA, so its top Received header (client IP, HELO) is believed. */
    trustedRelay: z.boolean().optional(),
  })
  .refine((input) => !(input.scope === 'admin' && input.domain), {
    message: 'an admin token is installation-wide: drop "domain" or use scope "read" or "write"',
    path: ['domain'],
  })
  .refine((input) => !input.trustedRelay || input.scope === 'ingress', {
    message: 'only an "ingress" token can be a trusted relay',
    path: ['trustedRelay'],
  });

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: tokenScopeSchema,
  domain: z.string().nullable(),
  trustedRelay: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Last authenticated request, to the minute (null: never used). */
  lastUsedAt: z.string().nullable(),
});
export type TokenJson = z.infer<typeof tokenSchema>;

/** The creation answer: the only time the token itself is shown (only its SHA-256 is stored). */
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
