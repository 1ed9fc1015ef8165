// Wire shapes of `GET /api/stats`: per-day counts of received mail, bounces, complaints and mail sent (the console's
// charts), and a domain's send limit.
import { z } from 'zod';
import { domainNameSchema } from './domains.ts';

/** The longest window a chart asks for: a quarter of per-day counters. */
export const MAX_STATS_DAYS = 90;

export const statsQuerySchema = z.object({
  /** One alias domain; absent: every domain (installation-wide tokens), or the token's own domain. */
  domain: domainNameSchema.optional(),
  /** Whole UTC days ending today, today included. */
  days: z.coerce.number().int().min(1).max(MAX_STATS_DAYS).default(30),
});
export type StatsQuery = z.input<typeof statsQuerySchema>;

export const statsDaySchema = z.object({
  /** The UTC day, `YYYY-MM-DD`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Every message received that day (the inbound log's rows, whatever became of them). */
  inbound: z.number().int().min(0),
  /** Of those, delivery status notifications (kind `bounce`). */
  bounces: z.number().int().min(0),
  /** Of those, abuse complaints (ARF feedback reports, kind `feedback`). */
  complaints: z.number().int().min(0),
  /**
   * Recipients named by bounce and complaint reports that no mail of ours backs (logged, never counted toward a
   * suppression): a high figure means someone is sending forged reports. A gateway from before this count omits it.
   */
  unverified: z.number().int().min(0).default(0),
});
export type StatsDay = z.infer<typeof statsDaySchema>;

export const statsSchema = z.object({
  domain: z.string().nullable(),
  days: z.number().int(),
  /** One entry per day, oldest first, days without mail included (as zeros). */
  series: z.array(statsDaySchema),
  /**
   * Mail sent through `POST /api/send`, per day of the same window: messages accepted (queued for the Email Service)
   * and their recipients, which the daily send limit counts. Absent from gateways older than sending.
   */
  outgoing: z
    .array(z.object({ date: z.string(), messages: z.number().int().min(0), recipients: z.number().int().min(0) }))
    .optional(),
  /** For one domain: its daily send limit (recipients per UTC day) and today's use of it; null for every domain. */
  sendLimit: z.object({ dailyRecipients: z.number().int(), usedToday: z.number().int() }).nullable().optional(),
});
export type StatsJson = z.infer<typeof statsSchema>;
