// Domain guards: a domain-scoped token reaches only its own domain's resources (403 otherwise); lists filter by the
// token's domain in their own handlers.
import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../store/db.ts';
import { aliases, attachments, domains, inboundEmails, messages, threads } from '../store/schema.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** What a resource id resolves to: the owning domain's id, null (no domain), or undefined (no such resource). */
type DomainOf = (db: Database, id: string) => Promise<string | null | undefined>;

async function findDomainIdByName(db: Database, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: domains.id }).from(domains).where(eq(domains.name, name.toLowerCase()));
  return row?.id;
}

/** An inbound row belongs to its routed domain, or else to the domain of its envelope recipient. */
export const domainOfInbound: DomainOf = async (db, id) => {
  const [row] = await db
    .select({ domainId: inboundEmails.domainId, envelopeTo: inboundEmails.envelopeTo })
    .from(inboundEmails)
    .where(eq(inboundEmails.id, id));
  if (!row) return undefined;
  if (row.domainId) return row.domainId;
  const recipientDomain = row.envelopeTo.slice(row.envelopeTo.lastIndexOf('@') + 1);
  return (await findDomainIdByName(db, recipientDomain)) ?? null;
};

export const domainOfThread: DomainOf = async (db, id) => {
  const [row] = await db.select({ domainId: threads.domainId }).from(threads).where(eq(threads.id, id));
  return row ? row.domainId : undefined;
};

export const domainOfAttachment: DomainOf = async (db, id) => {
  const [row] = await db
    .select({ domainId: threads.domainId })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(eq(attachments.id, id));
  return row ? row.domainId : undefined;
};

export const domainOfDomainName: DomainOf = async (db, name) => findDomainIdByName(db, name);

export const domainOfAlias: DomainOf = async (db, id) => {
  const [row] = await db.select({ domainId: aliases.domainId }).from(aliases).where(eq(aliases.id, id));
  return row?.domainId;
};

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
