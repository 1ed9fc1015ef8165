// CORS for the API: only the browser extension's origins and the origins configured in MAILGATE_CORS_ORIGINS.
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { readListVar } from '../config-list.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** The extension's pages run on these schemes (Chrome, Firefox); web pages never can. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;
/** A preflight answer is cached this long by the browser (Chrome caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function readConfiguredOrigins(value: string | undefined): Set<string> {
  return new Set(readListVar(value).map((origin) => origin.replace(/\/$/, '')));
}

export function isAllowedOrigin(origin: string, configured: Set<string>): boolean {
  return EXTENSION_ORIGIN.test(origin) || configured.has(origin.toLowerCase());
}

/**
 * An allowed origin gets the CORS headers; a preflight from any other origin is refused with 403, and a simple
 * request from one gets no CORS header (the browser then hides the answer from the page).
 */
export const apiCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const configured = readConfiguredOrigins(c.env.MAILGATE_CORS_ORIGINS);
  if (origin && c.req.method === 'OPTIONS' && !isAllowedOrigin(origin, configured)) {
    throw new ApiError(403, 'origin_not_allowed', `the origin ${origin} may not call this API`);
  }
  return cors({
    origin: (requestOrigin) => (isAllowedOrigin(requestOrigin, configured) ? requestOrigin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  })(c, next);
});
