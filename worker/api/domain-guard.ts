// Domain guards: a domain-scoped token reaches only its own domain's resources (403 otherwise); lists filter by the
// token's domain in their own handlers.
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { DomainOf } from '../store/ownership.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** Inside a handler that has found the domain a request acts on: a domain-scoped token must own it. */
export function assertDomainInScope(principal: AppEnv['Variables']['principal'], domainId: string): void {
  if (principal.domainId !== null && principal.domainId !== domainId) {
    throw new ApiError(403, 'forbidden', 'this token is limited to another domain');
  }
}

/**
 * For routes with an `:id` (or `:name`) parameter. A missing resource is left to the handler (404), so that a
 * scoped token learns nothing more about other domains than a 403 for what exists and a 404 for what does not.
 */
export function requireDomainAccess(domainOf: DomainOf, param = 'id'): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const scopedDomainId = c.var.principal.domainId;
    const id = c.req.param(param);
    if (scopedDomainId !== null && id) {
      const owner = await domainOf(c.var.services.db, id);
      if (owner !== undefined && owner !== scopedDomainId) {
        throw new ApiError(403, 'forbidden', 'this token is limited to another domain');
      }
    }
    await next();
  });
}
