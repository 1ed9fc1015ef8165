// Odoo targets: an `odoo.handoff` event goes to the Odoo database its alias names, which gets the stored raw mail
// (with mailgate's Authentication-Results on top) through `message_process`, and only if it serves the same domain.
import { eq } from 'drizzle-orm';
import type { AuthVerdict } from '../../../shared/api/auth.ts';
import { inboundEmails, odooTargets } from '../../store/schema.ts';
import { prependAuthenticationResults } from '../authentication-results.ts';
import { createFileLink } from '../file-links.ts';
import { deliverToOdoo } from '../odoo.ts';
import { isUsableApiKeySecretName } from '../secret-names.ts';
import { configurationFailure, refuseTarget, refuseUnsafeUrl, toAttemptDeps, type DeliveryTarget } from './target.ts';

export const odooTarget: DeliveryTarget = {
  async selectTargets(_db, event) {
    const targetId = event.type === 'odoo.handoff' ? event.payload.targetId : undefined;
    return typeof targetId === 'string' && targetId ? [targetId] : [];
  },

  async prepareAttempts(deps) {
    return async (delivery, event) => {
      const [target] = await deps.db.select().from(odooTargets).where(eq(odooTargets.id, delivery.targetId));
      if (!target) return refuseTarget(`the Odoo target ${delivery.targetId} does not exist`);
      // The alias that raised the hand-off belongs to the event's domain: its mail goes to that domain's Odoo only.
      if (target.domainId === null || target.domainId !== event.domainId) {
        return refuseTarget(
          `the Odoo target ${target.name} (${target.id}) belongs to ${target.domainId ? 'another domain' : 'no domain'} than the alias that received the mail: mail of one domain is never handed to another domain's Odoo`,
        );
      }
      const unsafe = refuseUnsafeUrl(deps, target.url);
      if (unsafe) return unsafe;
      if (!isUsableApiKeySecretName(target.apiKeySecret)) {
        return refuseTarget(
          `the Odoo target names ${target.apiKeySecret} as its API key: only secrets named ODOO_… are ever sent`,
        );
      }
      const apiKey = deps.readSecret(target.apiKeySecret);
      if (!apiKey) {
        // Retried: the mail waits while an admin runs `wrangler secret put`.
        return {
          outcome: configurationFailure(
            'retry',
            `the Worker secret ${target.apiKeySecret} (API key of ${target.name}) is not set`,
          ),
          secrets: [],
        };
      }
      const inboundId = typeof event.payload.inboundId === 'string' ? event.payload.inboundId : event.inboundId;
      const [inbound] = inboundId
        ? await deps.db
            .select({ rawKey: inboundEmails.rawKey, auth: inboundEmails.auth })
            .from(inboundEmails)
            .where(eq(inboundEmails.id, inboundId))
        : [];
      const object = inbound ? await deps.bucket.get(inbound.rawKey) : null;
      if (!object) return refuseTarget('the raw message is no longer stored');
      // Odoo gets mailgate's verdict as an RFC 8601 field on top of the untouched original.
      const verdict = inbound?.auth as Pick<AuthVerdict, 'authenticationResults'> | null | undefined;
      const raw = prependAuthenticationResults(
        new Uint8Array(await object.arrayBuffer()),
        verdict?.authenticationResults ?? '',
      );
      // A JSON-2 hand-off that must re-encode the mail names where the untouched original can be downloaded.
      const secret = deps.fileLinkSecrets?.[0];
      const originalUrl =
        inboundId && secret ? await createFileLink(deps.publicBaseUrl ?? '', secret, inboundId, deps.now()) : undefined;
      const outcome = await deliverToOdoo(
        {
          protocol: target.protocol,
          url: target.url,
          ...(target.database ? { db: target.database } : {}),
          ...(target.login ? { login: target.login } : {}),
          apiKey,
        },
        raw,
        { ...toAttemptDeps(deps), ...(deps.uidCache ? { uidCache: deps.uidCache } : {}) },
        originalUrl ? { originalUrl } : {},
      );
      return { outcome, secrets: [apiKey, ...(deps.fileLinkSecrets ?? [])] };
    };
  },
};
