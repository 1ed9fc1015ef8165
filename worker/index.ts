// Wiring only: builds the services from the bindings and hands each event to its ingress.
import { connect } from 'cloudflare:sockets';
import { parseSecrets } from '../shared/mail/tokens.ts';
import { createApp } from './api/app.ts';
import type { ApiServices, DataSeam } from './api/context.ts';
import { advanceDomainMove, planDomainMove } from './data-move.ts';
import { CONTROL_BINDING, findPlacement, listPlacedDomains } from './store/placements.ts';
import { consumeDeadLetters, consumeDeliveryMessages, sweepOutbox } from './deliver/consumer.ts';
import type { OutboxDeps } from './deliver/outbox.ts';
import { readApiKeySecret } from './deliver/secret-names.ts';
import { readTargetUrlPolicy } from './deliver/target-url.ts';
import { receiveEmail } from './ingress/cloudflare-email.ts';
import { sweepStuckInbound } from './inbound/sweep.ts';
import { createDatabase } from './store/db.ts';
import {
  listDataBindings,
  readDataBinding,
  readRecipientDomain,
  resolveDomainData,
  resolveSendingDomainData,
  DomainMovingError,
  type DataBinding,
} from './data-bindings.ts';
import { createWorkerResolver } from './dns-resolver.ts';
import { authenticate } from './inbound/authenticate.ts';
import { readVerifiedDestinations } from './inbound/forward-plan.ts';
import { readListVar } from './config-list.ts';
import { consumeEmailSendingEvents } from './outgoing/email-events.ts';
import { runProbes, type ProbeDeps } from './probes/run-probes.ts';
import { createAlertMailer, readAlertMailConfig } from './probes/alert-email.ts';
import { checkDomain } from '../shared/dns/check-domain.ts';
import { domainExpectationsSchema } from '../shared/api/dns.ts';

/** The dead-letter queue of `mailgate-deliveries` (wrangler.toml). */
const DEAD_LETTER_QUEUE = 'mailgate-deliveries-dlq';
/** Where the Email Sending event subscription of each sending domain publishes (wrangler.toml). */
const EMAIL_EVENTS_QUEUE = 'mailgate-email-events';
/** Cloudflare Queues delay a message by at most 12 hours; longer retries are left to the cron sweep. */
const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60;

/** The control database: the API's and the directory's. */
const controlData = (env: Cloudflare.Env): DataBinding => ({ binding: 'DB', d1: env.DB });

/**
 * Hands committed events to the delivery Queue (the real-time path; the cron sweep is the backstop). Queue messages
 * name their database's binding, so the consumer reads the event where it was written.
 */
function createEventEnqueuer(env: Cloudflare.Env, data: DataBinding) {
  return async (eventIds: string[]) => {
    await env.DELIVERIES.sendBatch(eventIds.map((eventId) => ({ body: { eventId, binding: data.binding } })));
  };
}

/** The storage seam for the API: the directory, the services over each data database, and moves between them. */
function buildDataSeam(env: Cloudflare.Env): DataSeam {
  const control = createDatabase(env.DB);
  const servicesByBinding = new Map<string, ApiServices>();
  const seam: DataSeam = {
    control,
    bindings: listDataBindings(env).map((data) => data.binding),
    placeDomain: async (domainName) => {
      const placement = await findPlacement(control, domainName);
      return { binding: placement.binding, moving: placement.state === 'moving' };
    },
    servicesFor: (binding) => {
      const built = servicesByBinding.get(binding) ?? buildServices(env, readDataBinding(env, binding), seam);
      servicesByBinding.set(binding, built);
      return built;
    },
    planMove: (domainName, to) => planDomainMove(env, domainName, to),
    advanceMove: (domainName, to, maxQueries) =>
      advanceDomainMove(env, domainName, to, { maxQueries, now: () => new Date() }),
  };
  return seam;
}

/** The services over one data database (by default the control one). */
function buildServices(
  env: Cloudflare.Env,
  data: DataBinding = controlData(env),
  seam: DataSeam = buildDataSeam(env),
): ApiServices {
  const resolver = createWorkerResolver(env);
  return {
    db: createDatabase(data.d1),
    dataBinding: data.binding,
    data: seam,
    bucket: env.MAIL,
    now: () => new Date(),
    tokenSecrets: parseSecrets(env.REPLY_TOKEN_SECRET),
    resolver,
    targetPolicy: readTargetUrlPolicy(env.MAILGATE_ALLOW_PRIVATE_TARGETS),
    readSecret: (name) => readApiKeySecret(env, name),
    scheduleDelivery: async (deliveryId) => {
      await env.DELIVERIES.send({ deliveryId, binding: data.binding });
    },
    authenticate: (raw, envelope) =>
      authenticate(raw, envelope, {
        resolver,
        trustedArcSealers: readListVar(env.MAILGATE_TRUSTED_ARC_SEALERS),
      }),
    enqueueEvents: createEventEnqueuer(env, data),
    verifiedDestinations: readVerifiedDestinations(env.MAILGATE_VERIFIED_DESTINATIONS),
    depsForRecipient: (recipient) => buildServicesForRecipient(env, recipient),
    ...readPositiveInteger('defaultDailySendLimit', env.MAILGATE_DAILY_SEND_LIMIT),
    openSocket: (address, options) => connect(address, options),
    ...readPositiveInteger('smtpStepTimeoutMs', env.MAILGATE_SMTP_TEST_STEP_TIMEOUT_MS),
    health: {
      db: createDatabase(env.DB),
      bucket: env.MAIL,
      now: () => new Date(),
      pingQueue: async () => {
        await env.DELIVERIES.send({ healthProbe: new Date().toISOString() });
      },
    },
  };
}

/** The services over the database that holds the recipient's domain (a domain being moved throws). */
async function buildServicesForRecipient(env: Cloudflare.Env, recipient: string): Promise<ApiServices> {
  return buildServices(env, await resolveDomainData(env, readRecipientDomain(recipient)));
}

/** A positive whole number from a wrangler.toml var, else the default. */
function readThreshold(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function buildProbeDeps(env: Cloudflare.Env, data: DataBinding = controlData(env)): ProbeDeps {
  const services = buildServices(env, data);
  // The directory, read once per probe run: a domain without an entry lives in the control database.
  let placements: Promise<Map<string, string>> | undefined;
  const readPlacementsOnce = async () => {
    placements ??= listPlacedDomains(createDatabase(env.DB)).then(
      (rows) => new Map(rows.map((row) => [row.domainName, row.binding])),
    );
    const known = await placements;
    return { get: (domainName: string) => known.get(domainName) ?? CONTROL_BINDING };
  };
  const alertMail = readAlertMailConfig({
    to: env.MAILGATE_ALERT_EMAIL,
    from: env.MAILGATE_ALERT_FROM,
    publicUrl: env.MAILGATE_PUBLIC_URL,
  });
  return {
    db: services.db,
    now: services.now,
    thresholds: {
      backlog: readThreshold(env.MAILGATE_ALERT_BACKLOG, 100),
      failed: readThreshold(env.MAILGATE_ALERT_FAILED, 10),
    },
    // The gateway's own expectations (Email Routing's MX, SPF, DMARC), as GET /api/domains/:name/dns without options.
    checkDns: (domain) =>
      checkDomain(domain, domainExpectationsSchema.parse({}), services.resolver, { includeOptional: false }),
    ...(services.enqueueEvents ? { enqueueEvents: services.enqueueEvents } : {}),
    isDomainHere: async (domainName) => (await readPlacementsOnce()).get(domainName) === data.binding,
    // Without MAILGATE_ALERT_EMAIL alerts reach the admin as alert.raised events, GET /health/deep and the console only.
    ...(alertMail && env.EMAIL
      ? { sendAlertEmail: createAlertMailer({ db: services.db, sendEmail: env.EMAIL, config: alertMail }) }
      : {}),
  };
}

/** A setting that must be a positive whole number, or nothing (the default applies). */
function readPositiveInteger<K extends string>(key: K, value: string | undefined): Partial<Record<K, number>> {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? ({ [key]: number } as Record<K, number>) : {};
}

export function buildOutboxDeps(env: Cloudflare.Env, data: DataBinding = controlData(env)): OutboxDeps {
  return {
    db: createDatabase(data.d1),
    bucket: env.MAIL,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    readSecret: (name) => readApiKeySecret(env, name),
    ...(env.MAILGATE_PUBLIC_URL ? { publicBaseUrl: env.MAILGATE_PUBLIC_URL } : {}),
    fileLinkSecrets: parseSecrets(env.REPLY_TOKEN_SECRET),
    uidCache: new Map(),
    targetPolicy: readTargetUrlPolicy(env.MAILGATE_ALLOW_PRIVATE_TARGETS),
    sendEmail: env.EMAIL,
    enqueueEvents: createEventEnqueuer(env, data),
    scheduleAttempt: async (deliveryId, delayMs) => {
      const delaySeconds = Math.ceil(delayMs / 1000);
      if (delaySeconds > MAX_QUEUE_DELAY_SECONDS) return;
      await env.DELIVERIES.send({ deliveryId, binding: data.binding }, { delaySeconds });
    },
  };
}

function addToGroup(groups: Map<string, Message[]>, binding: string, message: Message): void {
  groups.set(binding, [...(groups.get(binding) ?? []), message]);
}

/** Email Service events by the database of the domain that sent (a domain being moved: retried later). */
async function groupEmailEventsByBinding(env: Cloudflare.Env, messages: readonly Message[]) {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    const source = (message.body as { source?: { domain?: unknown } } | null)?.source?.domain;
    try {
      const data = typeof source === 'string' ? await resolveSendingDomainData(env, source) : controlData(env);
      addToGroup(groups, data.binding, message);
    } catch (error) {
      if (!(error instanceof DomainMovingError)) throw error;
      message.retry();
    }
  }
  return groups;
}

const app = createApp((env) => buildServices(env));

export default {
  fetch: app.fetch,

  async email(message, env, _ctx) {
    // The recipient's domain says which database files it (a domain being moved throws: the sender retries).
    await receiveEmail(message, await buildServicesForRecipient(env, message.to));
  },

  async scheduled(_controller, env, ctx) {
    for (const data of listDataBindings(env)) {
      ctx.waitUntil(sweepStuckInbound(buildServices(env, data)));
      ctx.waitUntil(sweepOutbox(buildOutboxDeps(env, data)));
      ctx.waitUntil(runProbes(buildProbeDeps(env, data)));
    }
  },

  async queue(batch, env, _ctx) {
    if (batch.queue === EMAIL_EVENTS_QUEUE) {
      // Sent mail is recorded in its domain's database (POST /api/send writes there): events go where their domain lives.
      for (const [binding, messages] of await groupEmailEventsByBinding(env, batch.messages)) {
        const services = buildServices(env, readDataBinding(env, binding));
        await consumeEmailSendingEvents(
          { db: services.db, now: services.now, enqueueEvents: services.enqueueEvents },
          messages,
        );
      }
      return;
    }
    // Each message is handled over the database that wrote it (messages from before the seam name none: DB).
    const byBinding = new Map<string, Message[]>();
    for (const message of batch.messages) {
      const binding = (message.body as { binding?: unknown } | null)?.binding;
      addToGroup(byBinding, typeof binding === 'string' ? binding : 'DB', message);
    }
    for (const [binding, messages] of byBinding) {
      const deps = buildOutboxDeps(env, readDataBinding(env, binding));
      if (batch.queue === DEAD_LETTER_QUEUE) await consumeDeadLetters(deps, messages);
      else await consumeDeliveryMessages(deps, messages);
    }
  },
} satisfies ExportedHandler<Cloudflare.Env>;
