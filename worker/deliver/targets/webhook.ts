// Webhook targets: the endpoints whose filter (and domain) wants an event get it signed (Standard Webhooks); a 410
// Gone disables the endpoint.
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../store/db.ts';
import { webhookEndpoints } from '../../store/schema.ts';
import { addDownloadUrls, createFileLink } from '../file-links.ts';
import type { OutboxDeps } from '../outbox-deps.ts';
import { deliverWebhook } from '../webhook.ts';
import { INTERNAL_EVENT_TYPES, refuseUnsafeUrl, toAttemptDeps, type DeliveryTarget, type EventRow } from './target.ts';

/** Endpoints of the event's domain and installation-wide ones, enabled, whose filter wants the event type. */
async function selectWebhookTargets(db: Database, event: EventRow): Promise<string[]> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(
      and(
        isNull(webhookEndpoints.disabledAt),
        event.domainId
          ? or(isNull(webhookEndpoints.domainId), eq(webhookEndpoints.domainId, event.domainId))
          : isNull(webhookEndpoints.domainId),
      ),
    );
  return endpoints
    .filter((endpoint) =>
      endpoint.eventTypes.length === 0
        ? !INTERNAL_EVENT_TYPES.has(event.type)
        : endpoint.eventTypes.includes(event.type),
    )
    .map((endpoint) => endpoint.id);
}

async function signAttachmentLink(deps: OutboxDeps, attachmentId: string): Promise<string> {
  const secret = deps.fileLinkSecrets?.[0];
  if (!secret) return `/api/attachments/${attachmentId}`;
  return createFileLink(deps.publicBaseUrl ?? '', secret, attachmentId, deps.now());
}

export const webhookTarget: DeliveryTarget = {
  selectTargets: selectWebhookTargets,

  async prepareAttempts(deps, targetIds) {
    const rows = targetIds.length
      ? await deps.db
          .select()
          .from(webhookEndpoints)
          .where(inArray(webhookEndpoints.id, [...targetIds]))
      : [];
    const endpointsById = new Map(rows.map((row) => [row.id, row]));
    return async (delivery, event) => {
      const endpoint = endpointsById.get(delivery.targetId);
      if (!endpoint) return { cancel: 'the webhook endpoint was deleted' };
      if (endpoint.disabledAt)
        return { cancel: `the webhook endpoint is disabled: ${endpoint.disabledReason ?? ''}`.trim() };
      const unsafe = refuseUnsafeUrl(deps, endpoint.url);
      if (unsafe) return unsafe;
      const data = await addDownloadUrls(event.payload, (attachmentId) => signAttachmentLink(deps, attachmentId));
      const outcome = await deliverWebhook(
        { url: endpoint.url, secrets: endpoint.secrets },
        { id: event.id, type: event.type, timestamp: event.createdAt.toISOString(), data },
        toAttemptDeps(deps),
      );
      return {
        outcome,
        secrets: [...endpoint.secrets, ...(deps.fileLinkSecrets ?? [])],
        // 410 Gone: the endpoint stops receiving anything until an admin enables it again.
        settle: ({ at, error }) => ({
          statements:
            outcome.disposition === 'disable-endpoint'
              ? [
                  deps.db
                    .update(webhookEndpoints)
                    .set({ disabledAt: at, disabledReason: error ?? 'disabled' })
                    .where(eq(webhookEndpoints.id, endpoint.id)),
                ]
              : [],
          eventIds: [],
        }),
      };
    };
  },
};
