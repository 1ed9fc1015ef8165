// Bearer-token authentication: tokens are compared and stored as SHA-256 hashes, never in clear.
import { createMiddleware } from 'hono/factory';
import { sha256Hex } from '../../shared/crypto/digest.ts';
import { equalInConstantTime } from '../../shared/crypto/hmac.ts';
import { findActiveTokenByHash, touchToken } from '../store/tokens.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** Tokens are compared and kept as their SHA-256 hex digest. */
export const hashToken = sha256Hex;

/** "Last used" is for an admin spotting dead tokens: minute precision is plenty, and spares a D1 write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

function isLastUseStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

export const requireBearerToken = createMiddleware<AppEnv>(async (c, next) => {
  const match = c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    throw new ApiError(401, 'unauthorized', 'send the API token as "Authorization: Bearer <token>"');
  }
  const tokenHash = await hashToken(match[1]!);
  const bootstrap = c.env.MAILGATE_ADMIN_TOKEN;
  if (bootstrap && (await equalInConstantTime(tokenHash, await hashToken(bootstrap)))) {
    c.set('principal', { tokenId: null, scope: 'admin', domainId: null });
    return next();
  }
  const { db } = c.var.services;
  const stored = await findActiveTokenByHash(db, tokenHash);
  if (!stored) throw new ApiError(401, 'invalid_token', 'the API token is unknown or revoked');
  c.set('principal', {
    tokenId: stored.id,
    scope: stored.scope,
    domainId: stored.domainId,
    trustedRelay: stored.trustedRelay,
  });
  const now = c.var.services.now();
  if (isLastUseStale(stored.lastUsedAt, now)) {
    // Not awaited before the answer: a lost update only makes "last used" a little older, never blocks a request.
    const update = touchToken(db, stored.id, now);
    c.executionCtx.waitUntil(update.catch(() => undefined));
  }
  return next();
});
