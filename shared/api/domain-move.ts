// Wire shapes of moving a domain's data to another D1 database (`POST /api/domains/:name/move`).
import { z } from 'zod';

/** A Worker binding name as wrangler.toml writes it (`DB`, `DB_2`, `TENANTS_EU`). */
export const bindingNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a D1 binding name such as DB_2');

/** D1 allows 1,000 queries per Worker invocation: a step stays below, with room for the request's own lookups. */
export const MAX_MOVE_QUERIES_PER_STEP = 900;

export const moveDomainSchema = z
  .object({
    /** The binding (listed in MAILGATE_DATA_BINDINGS, or `DB`) that is to hold the domain's data. */
    to: bindingNameSchema,
    /** Only count what would move; change nothing. */
    dryRun: z.boolean().default(false),
    /** The most D1 queries this step may run; the move stops there and the next call resumes it. */
    maxQueries: z.number().int().min(50).max(MAX_MOVE_QUERIES_PER_STEP).default(600),
  })
  .strict();

export const domainMoveTableSchema = z.object({
  table: z.string(),
  /** The domain's rows in the database it leaves. */
  source: z.number().int(),
  /** The domain's rows already in the target (null in a dry run). */
  target: z.number().int().nullable(),
});

export const domainMoveSchema = z.object({
  domain: z.string(),
  from: z.string(),
  to: z.string(),
  /**
   * `planned`: a dry run; `copying`: mail of the domain is deferred (senders retry) while its rows are copied; call
   * again to go on; `deleting`: the domain lives in the target, the source's copy is being deleted (call again);
   * `done`.
   */
  state: z.enum(['planned', 'copying', 'deleting', 'done']),
  /** Per table, when this step counted them (a dry run, and the check before the flip); else null. */
  tables: z.array(domainMoveTableSchema).nullable(),
  /** D1 queries this step ran. */
  queries: z.number().int(),
});

export type MoveDomainInput = z.infer<typeof moveDomainSchema>;
export type DomainMoveJson = z.infer<typeof domainMoveSchema>;
