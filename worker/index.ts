// Wiring only: builds the services from the bindings and hands each event to its ingress.
import { parseSecrets } from '../shared/mail/tokens.ts';
import { createApp } from './api/app.ts';
import type { ApiServices } from './api/context.ts';
import { receiveEmail } from './ingress/cloudflare-email.ts';
import { sweepStuckInbound } from './inbound/sweep.ts';
import { createDatabase } from './store/db.ts';

function buildServices(env: Cloudflare.Env): ApiServices {
  return {
    db: createDatabase(env.DB),
    bucket: env.MAIL,
    now: () => new Date(),
    tokenSecrets: parseSecrets(env.REPLY_TOKEN_SECRET),
    enqueueEvents: async (eventIds) => {
      await env.DELIVERIES.sendBatch(eventIds.map((eventId) => ({ body: { eventId } })));
    },
  };
}

const app = createApp(buildServices);

export default {
  fetch: app.fetch,

  async email(message, env, _ctx) {
    await receiveEmail(message, buildServices(env));
  },

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepStuckInbound(buildServices(env)));
  },

  async queue(batch) {
    // The delivery consumer (webhooks, Odoo) takes these event ids; until it is wired, acknowledge them.
    batch.ackAll();
  },
} satisfies ExportedHandler<Cloudflare.Env>;
