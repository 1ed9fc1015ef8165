// Domain guards: a domain-scoped token sees only its own domain's messages, threads and attachments (403 otherwise).
import { and, desc, eq, like, lt, or } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { inboundListQuerySchema } from '../../shared/api/inbound.ts';
import { threadListQuerySchema } from '../../shared/api/threads.ts';
import type { Database } from '../store/db.ts';
import { aliases, attachments, domains, inboundEmails, messages, threads } from '../store/schema.ts';
import { threadSearchCondition } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { toInboundItem } from './inbound.ts';

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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** `GET /api/inbound` for a domain-scoped token: the same page, limited to its domain. Unscoped tokens pass on. */
export const listInboundOfScopedDomain = createMiddleware<AppEnv>(async (c, next) => {
  const scopedDomainId = c.var.principal.domainId;
  if (scopedDomainId === null) return next();
  const query = inboundListQuerySchema.safeParse(c.req.query());
  if (!query.success) return next();
  const { db } = c.var.services;
  const [domain] = await db.select({ name: domains.name }).from(domains).where(eq(domains.id, scopedDomainId));
  const ofDomain = or(
    eq(inboundEmails.domainId, scopedDomainId),
    domain ? like(inboundEmails.envelopeTo, `%@${escapeLike(domain.name)}`) : undefined,
  );
  const conditions = [
    ofDomain,
    query.data.status ? eq(inboundEmails.status, query.data.status) : undefined,
    query.data.before ? lt(inboundEmails.id, query.data.before) : undefined,
  ].filter((condition) => condition !== undefined);
  const rows = await db
    .select()
    .from(inboundEmails)
    .where(and(...conditions))
    .orderBy(desc(inboundEmails.id))
    .limit(query.data.limit);
  return c.json({ items: rows.map(toInboundItem), nextCursor: rows.length === query.data.limit ? rows.at(-1)!.id : null });
});

/** `GET /api/threads` for a domain-scoped token: only its domain's threads. Unscoped tokens pass on. */
export const listThreadsOfScopedDomain = createMiddleware<AppEnv>(async (c, next) => {
  const scopedDomainId = c.var.principal.domainId;
  if (scopedDomainId === null) return next();
  const query = threadListQuerySchema.safeParse(c.req.query());
  if (!query.success) return next();
  const rows = await c.var.services.db
    .select()
    .from(threads)
    .where(
      and(
        eq(threads.domainId, scopedDomainId),
        query.data.before ? lt(threads.id, query.data.before) : undefined,
        query.data.q ? threadSearchCondition(query.data.q) : undefined,
      ),
    )
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(query.data.limit);
  return c.json({
    items: rows.map((thread) => ({
      id: thread.id,
      subject: thread.subject,
      record: thread.recordModel && thread.recordId ? { model: thread.recordModel, id: thread.recordId } : null,
      messageCount: thread.messageCount,
      lastMessageAt: thread.lastMessageAt?.toISOString() ?? null,
      createdAt: thread.createdAt.toISOString(),
    })),
    nextCursor: rows.length === query.data.limit ? rows.at(-1)!.id : null,
  });
});
