// Which domain owns a resource: the lookups behind the API's domain guards (tenancy).
import { eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import {
  aliases,
  attachments,
  deliveries,
  domains,
  events,
  inboundEmails,
  messages,
  outgoingSends,
  threads,
} from './schema.ts';

/** What a resource id resolves to: the owning domain's id, null (no domain), or undefined (no such resource). */
export type DomainOf = (db: Database, id: string) => Promise<string | null | undefined>;

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

export const domainOfSend: DomainOf = async (db, id) => {
  const [row] = await db
    .select({ domainId: outgoingSends.domainId })
    .from(outgoingSends)
    .where(eq(outgoingSends.id, id));
  return row?.domainId;
};

export const domainOfDelivery: DomainOf = async (db, id) => {
  const [row] = await db
    .select({ domainId: events.domainId })
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .where(eq(deliveries.id, id));
  return row ? row.domainId : undefined;
};
