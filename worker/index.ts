// Wiring only: builds the services from the bindings and hands each event to its ingress.
import { createApp } from './api/app.ts';
import type { ApiServices } from './api/context.ts';
import { receiveEmail } from './ingress/cloudflare-email.ts';
import { sweepStuckInbound } from './inbound/sweep.ts';
import { createDatabase } from './store/db.ts';

function buildServices(env: Cloudflare.Env): ApiServices {
  return { db: createDatabase(env.DB), bucket: env.MAIL, now: () => new Date() };
}

const app = createApp(buildServices);

export default {
  fetch: app.fetch,

  async email(message, env) {
    await receiveEmail(message, buildServices(env));
  },

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepStuckInbound(buildServices(env)));
  },

  async queue(batch) {
    // Deliveries arrive here once the outbox exists; until then nothing is produced, so acknowledge what comes.
    batch.ackAll();
  },
} satisfies ExportedHandler<Cloudflare.Env>;
