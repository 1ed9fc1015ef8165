// `/api/tokens`: scoped API tokens, created (shown once) and revoked by an admin; only their SHA-256 is stored.
import { Hono } from 'hono';
import { z } from 'zod';
import { encodeBase64Url } from '../../shared/crypto/base64.ts';
import { createTokenSchema, type TokenJson } from '../../shared/api/tokens.ts';
import { findDomainByName } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { insertToken, listTokens, revokeToken, type TokenRow } from '../store/tokens.ts';
import { hashToken } from './auth.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

/** 256 bits of randomness: guessing is hopeless, and the hash at rest needs no salt. */
const TOKEN_RANDOM_BYTES = 32;

function generateToken(scope: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TOKEN_RANDOM_BYTES));
  const encoded = encodeBase64Url(bytes);
  // The prefix lets secret scanners and humans recognise a mailgate token and its power.
  return `mg_${scope}_${encoded}`;
}

function toTokenJson(row: TokenRow, domainName: string | null): TokenJson {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    domain: domainName,
    trustedRelay: row.trustedRelay,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

const idParam = z.object({ id: z.string().min(1).max(64) });

export const tokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await listTokens(c.var.services.db);
    return c.json({ items: rows.map(({ row, domainName }) => toTokenJson(row, domainName)) });
  })
  .post('/', validate('json', createTokenSchema), async (c) => {
    const input = c.req.valid('json');
    const { db, now } = c.var.services;
    const domain = input.domain ? await findDomainByName(db, input.domain) : undefined;
    if (input.domain && !domain) throw notFound(`the domain ${input.domain}`);
    const token = generateToken(input.scope);
    const row = await insertToken(db, {
      id: newId('tok'),
      name: input.name,
      tokenHash: await hashToken(token),
      scope: input.scope,
      domainId: domain?.id ?? null,
      trustedRelay: input.trustedRelay ?? false,
      createdAt: now(),
    });
    if (!row) throw new ApiError(500, 'internal', 'the token could not be stored');
    return c.json({ ...toTokenJson(row, domain?.name ?? null), token }, 201);
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    const { db, now } = c.var.services;
    const id = c.req.valid('param').id;
    if (!(await revokeToken(db, id, now()))) throw notFound('active token');
    return c.body(null, 204);
  });
