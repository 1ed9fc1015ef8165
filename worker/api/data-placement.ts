// Puts each API request on the database that holds its domain's data (the storage seam): the domain a request names
// (path, `?domain=`, its JSON body), the one owning the resource it names by id, else a scoped token's own.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { splitAddress } from '../../shared/mail/address.ts';
import { findDomainById } from '../store/domains.ts';
import {
  domainOfAlias,
  domainOfAttachment,
  domainOfDelivery,
  domainOfInbound,
  domainOfSend,
  domainOfThread,
  type DomainOf,
} from '../store/ownership.ts';
import type { AppEnv, DataSeam } from './context.ts';
import { ApiError } from './errors.ts';

/** How long a client waits before writing to a domain a move is copying (a step takes seconds; a move, minutes). */
const MOVING_RETRY_AFTER_SECONDS = 60;

/** Routes that name a resource by id, and how to find the domain that owns it. */
const OWNED_BY_ID: { prefix: string; domainOf: DomainOf }[] = [
  { prefix: '/api/threads/', domainOf: domainOfThread },
  { prefix: '/api/inbound/', domainOf: domainOfInbound },
  { prefix: '/api/attachments/', domainOf: domainOfAttachment },
  { prefix: '/api/aliases/', domainOf: domainOfAlias },
  { prefix: '/api/send/', domainOf: domainOfSend },
  { prefix: '/api/deliveries/', domainOf: domainOfDelivery },
];

/** Installation-wide resources of the control database, and the move itself (which must run while writes wait). */
const CONTROL_ONLY = [/^\/api\/tokens(\/|$)/, /^\/api\/domains\/?$/, /^\/api\/domains\/[^/]+\/move$/];

const READ_METHODS = new Set(['GET', 'HEAD']);

export const placeRequestData = createMiddleware<AppEnv>(async (c, next) => {
  const seam = c.var.services.data;
  if (!seam || CONTROL_ONLY.some((pattern) => pattern.test(c.req.path))) return next();
  const domainName = await findRequestDomain(c, seam);
  if (domainName) {
    const placement = await seam.placeDomain(domainName);
    if (placement.moving && !READ_METHODS.has(c.req.method)) {
      c.header('retry-after', String(MOVING_RETRY_AFTER_SECONDS));
      throw new ApiError(503, 'domain_moving', `${domainName} is being moved to another database: try again later`);
    }
    if (placement.binding !== (c.var.services.dataBinding ?? 'DB'))
      c.set('services', seam.servicesFor(placement.binding));
  }
  await next();
});

/** The domain a request is about, or null (an installation-wide request: the control database answers). */
async function findRequestDomain(c: Context<AppEnv>, seam: DataSeam): Promise<string | null> {
  const path = c.req.path;
  const domainPath = path.match(/^\/api\/domains\/([^/]+)/);
  if (domainPath) return decodeURIComponent(domainPath[1]!).toLowerCase();
  const owned = OWNED_BY_ID.find(({ prefix }) => path.startsWith(prefix) && path.length > prefix.length);
  if (owned) {
    const id = decodeURIComponent(path.slice(owned.prefix.length).split('/')[0]!);
    const owner = await findOwnerDomain(seam, owned.domainOf, id);
    if (owner) return owner;
  }
  const named = c.req.query('domain') ?? (await readBodyDomain(c, seam));
  if (named) return named.toLowerCase();
  const scopedDomainId = c.var.principal.domainId;
  return scopedDomainId ? ((await findDomainById(seam.control, scopedDomainId))?.name ?? null) : null;
}

/**
 * The domain owning a resource id: looked for in each data database, and believed only where the directory places
 * that domain (during and just after a move, the database it leaves still holds a copy).
 */
async function findOwnerDomain(seam: DataSeam, domainOf: DomainOf, id: string): Promise<string | null> {
  for (const binding of seam.bindings) {
    const domainId = await domainOf(seam.servicesFor(binding).db, id);
    if (!domainId) continue;
    const domain = await findDomainById(seam.control, domainId);
    if (domain && (await seam.placeDomain(domain.name)).binding === binding) return domain.name;
  }
  return null;
}

/**
 * A JSON body's domain: `domain`, an alias's `address`, a send's `from`, an outbound `threadId`'s owner. Hono keeps
 * the parsed body for the route's own validator; a body that is not JSON names nothing here.
 */
async function readBodyDomain(c: Context<AppEnv>, seam: DataSeam): Promise<string | null> {
  if (READ_METHODS.has(c.req.method) || !c.req.header('content-type')?.includes('application/json')) return null;
  const body: unknown = await c.req.json().catch(() => null);
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  if (typeof fields.domain === 'string') return fields.domain;
  // A suppression's address is someone else's mailbox: it never says which of our domains the request is about.
  if (c.req.path === '/api/suppressions') return null;
  const from =
    typeof fields.from === 'object' && fields.from !== null
      ? (fields.from as { address?: unknown }).address
      : fields.from;
  const address = typeof fields.address === 'string' ? fields.address : typeof from === 'string' ? from : null;
  if (address) return splitAddress(address)?.domain ?? null;
  if (typeof fields.threadId === 'string') return findOwnerDomain(seam, domainOfThread, fields.threadId);
  return null;
}
