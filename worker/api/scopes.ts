// Scope guards: `read` < `write` < `admin`; GET needs read, anything that changes state needs write.
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Principal } from './context.ts';
import { ApiError } from './errors.ts';

export type Scope = Principal['scope'];

/** `ingress` ranks below `read`: a relay's token reaches its one route (api/ingress.ts) and nothing else. */
const SCOPE_RANK: Record<Scope, number> = { ingress: 0, read: 1, write: 2, admin: 3 };

export function hasScope(principal: Principal, needed: Scope): boolean {
  return SCOPE_RANK[principal.scope] >= SCOPE_RANK[needed];
}

/** Use on any route: `app.use('/api/tokens/*', requireScope('admin'))`. Runs after requireBearerToken. */
export function requireScope(needed: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (!principal || !hasScope(principal, needed)) {
      throw new ApiError(403, 'forbidden', `this token's scope does not allow it: "${needed}" is needed`);
    }
    await next();
  });
}

/** Reads need `read`; every other method (POST, PATCH, PUT, DELETE) changes something and needs `write`. */
export const requireScopeForMethod = createMiddleware<AppEnv>(async (c, next) => {
  const needed: Scope = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'write';
  if (!hasScope(c.var.principal, needed)) {
    throw new ApiError(403, 'forbidden', `this token's scope does not allow it: "${needed}" is needed`);
  }
  await next();
});

/** Installation-wide resources (domains list and creation, tokens, webhooks) are for unscoped tokens only. */
export const requireInstallationWide = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.principal.domainId !== null) {
    throw new ApiError(403, 'forbidden', 'a domain-scoped token cannot use installation-wide resources');
  }
  await next();
});
