// Wires the API's security layers in order: CORS, body size, bearer token, rate, scope, then per-domain guards.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireBearerToken } from './auth.ts';
import type { AppEnv } from './context.ts';
import { apiCors } from './cors.ts';
import { placeRequestData } from './data-placement.ts';
import {
  domainOfAlias,
  domainOfAttachment,
  domainOfDomainName,
  domainOfInbound,
  domainOfThread,
} from '../store/ownership.ts';
import { requireDomainAccess } from './domain-guard.ts';
import { ApiError } from './errors.ts';
import { limitRequestRate } from './rate-limit.ts';
import { requireInstallationWide, requireScope, requireScopeForMethod } from './scopes.ts';
import { tokenRoutes } from './tokens.ts';

/** JSON bodies of this API are a few KiB; raw mail enters through the email() handler, not through these routes. */
export const MAX_API_BODY_BYTES = 1024 * 1024;
/**
 * `POST /api/send` carries a whole message: the Email Service's 5 MiB once encoded, as base64 attachments in JSON
 * (4/3 of the bytes) with room for the rest of the request. The message's own size is checked after (413).
 */
export const MAX_SEND_BODY_BYTES = Math.ceil((5 * 1024 * 1024 * 4) / 3) + 512 * 1024;

function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'too_large', `the request body is larger than ${maxSize} bytes`);
    },
  });
}

/**
 * Call once, where `requireBearerToken` used to be, before the resource routes: Hono runs middleware in the
 * order it was registered, so every route below is covered.
 */
export function installApiSecurity(app: Hono<AppEnv>): void {
  app.use('/api/*', apiCors);
  const apiBodyLimit = limitBody(MAX_API_BODY_BYTES);
  const sendBodyLimit = limitBody(MAX_SEND_BODY_BYTES);
  app.use('/api/*', (c, next) => (c.req.path === '/api/send' ? sendBodyLimit(c, next) : apiBodyLimit(c, next)));
  app.use('/api/*', requireBearerToken);
  app.use('/api/*', limitRequestRate);
  app.use('/api/*', requireScopeForMethod);
  // Before the domain guards: they must look for a resource in the database that holds its domain.
  app.use('/api/*', placeRequestData);

  app.use('/api/tokens', requireScope('admin'), requireInstallationWide);
  app.use('/api/tokens/*', requireScope('admin'), requireInstallationWide);
  app.route('/api/tokens', tokenRoutes);

  // Creating a domain is installation-wide; a domain-scoped token lists only its own domain and aliases, and creates
  // aliases and outbound headers only on it (checked in the handlers, which know the domain a request acts on).
  app.post('/api/domains', requireInstallationWide);
  app.post('/api/domains/:name/move', requireScope('admin'), requireInstallationWide);
  app.use('/api/aliases/:id', requireDomainAccess(domainOfAlias));
  app.use('/api/domains/:name', requireDomainAccess(domainOfDomainName, 'name'));
  app.use('/api/domains/:name/*', requireDomainAccess(domainOfDomainName, 'name'));

  app.use('/api/inbound/:id', requireDomainAccess(domainOfInbound));
  app.use('/api/inbound/:id/*', requireDomainAccess(domainOfInbound));
  app.use('/api/threads/:id', requireDomainAccess(domainOfThread));
  app.use('/api/threads/:id/*', requireDomainAccess(domainOfThread));
  app.use('/api/attachments/:id', requireDomainAccess(domainOfAttachment));
}
