// The effects the outbox needs (database, bucket, network, clock, secrets, the Queue), built once per invocation in
// worker/index.ts and injected so that tests drive time, the network and the mail binding.
import type { Database } from '../store/db.ts';
import type { TargetUrlPolicy } from './target-url.ts';

export type OutboxDeps = {
  db: Database;
  bucket: R2Bucket;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds since the epoch: Date.now in production, a fake clock in tests. */
  now(): number;
  timeoutMs?: number;
  /** Jitter source of the backoff (Math.random by default). */
  random?: () => number;
  /** Reads a Worker secret by name (the API keys of Odoo targets); undefined when it is not set. */
  readSecret(name: string): string | undefined;
  /** Absolute base of attachment download links (MAILGATE_PUBLIC_URL); without it links are root-relative. */
  publicBaseUrl?: string;
  /** Keys that sign download links (the first signs); without them no downloadUrl is added. */
  fileLinkSecrets?: readonly string[];
  /** Remembers Odoo XML-RPC uids across attempts of one invocation. */
  uidCache?: Map<string, number>;
  /** Asks for an attempt after `delayMs` (a delayed Queue message); the cron sweep is the backstop without it. */
  scheduleAttempt?: (deliveryId: string, delayMs: number) => Promise<void>;
  /** Hands events an attempt raised (`message.sent`, `message.failed`) to the Queue; the cron sweep is the backstop. */
  enqueueEvents?: (eventIds: string[]) => Promise<void>;
  /** Which target URLs may be reached (checked before every attempt); strict when absent. */
  targetPolicy?: TargetUrlPolicy;
  /** Cloudflare Email Service's `send_email` binding (outgoing mail); absent: sends wait (retried) until it is bound. */
  sendEmail?: SendEmail;
};
