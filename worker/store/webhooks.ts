// Queries of the webhook endpoints aggregate: where events are signed and sent, with their secrets (newest first).
import { asc, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { webhookEndpoints } from './schema.ts';
import { listWithDomainName, type WithDomainName } from './with-domain-name.ts';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewWebhookEndpoint = typeof webhookEndpoints.$inferInsert;

/** Every endpoint, oldest first, with the name of the domain it serves (null: every domain). */
export function listWebhookEndpoints(db: Database): Promise<WithDomainName<WebhookEndpointRow>[]> {
  return listWithDomainName(db, webhookEndpoints, asc(webhookEndpoints.createdAt));
}

export async function findWebhookEndpoint(db: Database, id: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function insertWebhookEndpoint(db: Database, endpoint: NewWebhookEndpoint): Promise<void> {
  await db.insert(webhookEndpoints).values(endpoint);
}

/** True when an endpoint with this id existed and is gone. */
export async function deleteWebhookEndpoint(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export async function setWebhookSecrets(db: Database, id: string, secrets: string[]): Promise<void> {
  await db.update(webhookEndpoints).set({ secrets }).where(eq(webhookEndpoints.id, id));
}

/** Clears a 410 Gone; undefined when there is no such endpoint. */
export async function enableWebhookEndpoint(db: Database, id: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ disabledAt: null, disabledReason: null })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row;
}
