// The rules every delivery target (webhook endpoint, Odoo target) obeys when it is saved: an installation-wide admin
// saves it, and its URL must be a public https one (the outbox checks the URL again before each attempt).
import { createMiddleware } from 'hono/factory';
import { checkTargetUrl, type TargetUrlPolicy } from '../deliver/target-url.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { hasScope } from './scopes.ts';

/**
 * Reading targets needs an installation-wide token; creating or changing one needs an installation-wide admin token:
 * a target receives every event (or raw mail, or an API key) of the domains it serves.
 */
export const requireTargetAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.var.principal;
  if (principal.domainId !== null) {
    throw new ApiError(403, 'forbidden', 'a domain-scoped token cannot use installation-wide resources');
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !hasScope(principal, 'admin')) {
    throw new ApiError(
      403,
      'forbidden',
      'delivery targets are created and changed with an installation-wide admin token',
    );
  }
  await next();
});

/** 400 naming the reason when `url` is not a public https URL (or whatever MAILGATE_ALLOW_PRIVATE_TARGETS allows). */
export function requireSafeTargetUrl(policy: TargetUrlPolicy, url: string): void {
  const check = checkTargetUrl(url, policy);
  if (!check.ok) throw new ApiError(400, 'invalid_input', `url: ${check.reason}`);
}
