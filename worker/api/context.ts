// The Hono environment shared by every route: bindings, the services built per request, and the caller.
import type { Database } from '../store/db.ts';
import type { PipelineDeps } from '../inbound/pipeline.ts';
import type { HealthDeps } from '../probes/deep-health.ts';
import type { OpenSocket } from '../smtp/connection.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';
import type { TargetUrlPolicy } from '../deliver/target-url.ts';
import type { DomainMoveJson } from '../../shared/api/domain-move.ts';

/**
 * The storage seam as the API sees it (worker/index.ts builds it over the bindings): where each domain's data lives,
 * the services over each data database, and the move between them. Absent where one database is all there is.
 */
export type DataSeam = {
  /** The control database: API tokens, the domains' names, the directory. */
  control: Database;
  /** Every binding that may hold domain data, the control database's first. */
  bindings: string[];
  /** Where a domain's data lives now, and whether a move is copying it (writes must wait). */
  placeDomain(domainName: string): Promise<{ binding: string; moving: boolean }>;
  /** The services over one data database. */
  servicesFor(binding: string): ApiServices;
  planMove(domainName: string, to: string): Promise<DomainMoveJson>;
  advanceMove(domainName: string, to: string, maxQueries: number): Promise<DomainMoveJson>;
};

/** What handlers use instead of the bindings: built once per request from them (worker/index.ts), faked in tests. */
export type ApiServices = PipelineDeps & {
  db: Database;
  bucket: R2Bucket;
  health?: HealthDeps;
  /** Recipients `POST /api/send` may mail per domain and UTC day unless the domain sets its own (MAILGATE_DAILY_SEND_LIMIT). */
  defaultDailySendLimit?: number;
  /** `connect` of `cloudflare:sockets` (the SMTP connection test). */
  openSocket?: OpenSocket;
  /** Each step of the SMTP connection test waits at most this long (MAILGATE_SMTP_TEST_STEP_TIMEOUT_MS). */
  smtpStepTimeoutMs?: number;
  /** DNS for the domain reports (DNS over HTTPS, cached per isolate). */
  resolver: Resolver;
  /** Puts one delivery on the queue now; the cron sweep finds it anyway when this is missing or fails. */
  scheduleDelivery?: (deliveryId: string) => Promise<void>;
  /** Which URLs a webhook endpoint or Odoo target may have. */
  targetPolicy: TargetUrlPolicy;
  /** A Worker secret by name (Odoo API keys), or undefined when it is not set. */
  readSecret: (name: string) => string | undefined;
  /** The binding `db` is over (`DB` when absent), and the seam that picks another per request. */
  dataBinding?: string;
  data?: DataSeam;
};

/**
 * Who is calling: the bootstrap admin, or a stored token with its scope (and domain, for domain-scoped tokens).
 * `trustedRelay`: an ingress token whose relay's Received header is believed.
 */
export type Principal = {
  tokenId: string | null;
  scope: 'admin' | 'read' | 'write' | 'ingress';
  domainId: string | null;
  trustedRelay?: boolean;
};

export type AppEnv = {
  Bindings: Cloudflare.Env;
  Variables: { services: ApiServices; principal: Principal };
};
