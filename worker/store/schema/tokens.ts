// API tokens: hashed at rest, scoped, optionally to one domain.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';
import { domains } from './domains.ts';

export const apiTokens = sqliteTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** SHA-256 (hex) of the token: the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  /** `ingress`: may only hand raw mail to `POST /api/ingress/raw` (an MTA relay), nothing else. */
  scope: text('scope', { enum: ['admin', 'read', 'write', 'ingress'] }).notNull(),
  /** Restricts a `read`/`write`/`ingress` token to one domain; null for installation-wide tokens. */
  domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
  /** An `ingress` token of a relay the admin runs: its top Received header is believed (client IP and HELO for SPF). */
  trustedRelay: integer('trusted_relay', { mode: 'boolean' }).notNull().default(false),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});
