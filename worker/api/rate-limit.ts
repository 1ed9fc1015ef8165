// Per-token request rate limit (429), counted in memory per isolate: a brake on a runaway client, not a quota.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** Requests one token may make per window: far above the extension or an ERP polling, far below a scripted flood. */
export const API_REQUESTS_PER_WINDOW = 300;
export const API_RATE_WINDOW_MS = 60_000;
/** Bounded memory: the least recently seen tokens are forgotten first. */
const MAX_TRACKED_TOKENS = 10_000;

type Window = { startedAt: number; count: number };

/**
 * A fixed window per token, in this isolate's memory. Cloudflare runs many isolates, so the effective limit is
 * per isolate (each one admits API_REQUESTS_PER_WINDOW); a global limit needs a Durable Object or the
 * Rate Limiting binding, which the deployment can add in front.
 */
export function createRateLimiter(limit = API_REQUESTS_PER_WINDOW, windowMs = API_RATE_WINDOW_MS) {
  const windows = new Map<string, Window>();
  return function takeRequest(key: string, now: number): { allowed: boolean; retryAfterSeconds: number } {
    let window = windows.get(key);
    if (!window || now - window.startedAt >= windowMs) window = { startedAt: now, count: 0 };
    windows.delete(key);
    windows.set(key, window);
    if (windows.size > MAX_TRACKED_TOKENS) windows.delete(windows.keys().next().value!);
    window.count++;
    return {
      allowed: window.count <= limit,
      retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)),
    };
  };
}

const isolateLimiter = createRateLimiter();

/**
 * Runs after requireBearerToken, keyed by the token's id. The bootstrap MAILGATE_ADMIN_TOKEN (an operator's
 * secret, used by `npm start`, the benchmarks and first setup) is not limited; every issued token is.
 */
export const limitRequestRate = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.var.principal.tokenId;
  if (key === null) return next();
  const { allowed, retryAfterSeconds } = isolateLimiter(key, Date.now());
  if (!allowed) {
    c.header('retry-after', String(retryAfterSeconds));
    throw new ApiError(429, 'rate_limited', `too many requests for this token; retry in ${retryAfterSeconds} s`);
  }
  await next();
});
