// Where the time of each mail went, read back from the rows the worker wrote to its local D1 (worker clock).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { summarizeLatencies, type LatencySummary } from '../latency-stats.ts';

type StageRow = {
  subject: string;
  inbound_created: number;
  inbound_updated: number | null;
  event_created: number | null;
  dispatched: number | null;
  delivery_created: number | null;
  first_attempt: number | null;
  attempt_ms: number | null;
  delivered_at: number | null;
  attempts: number | null;
};

/** Per-stage durations from the rows the worker wrote (worker clock, milliseconds). */
export function readStages(stateDir: string, subjects: Set<string>): Record<string, LatencySummary | number> {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite'));
  if (!file) return {};
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT i.subject, i.created_at AS inbound_created, i.updated_at AS inbound_updated, e.created_at AS event_created,
                e.dispatched_at AS dispatched, d.created_at AS delivery_created, d.delivered_at, d.attempts,
                (SELECT min(a.attempted_at) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS first_attempt,
                (SELECT a.latency_ms FROM delivery_attempts a WHERE a.delivery_id = d.id ORDER BY a.attempted_at DESC LIMIT 1) AS attempt_ms
           FROM inbound_emails i
           LEFT JOIN events e ON e.inbound_id = i.id AND e.type = 'message.received'
           LEFT JOIN deliveries d ON d.event_id = e.id`,
      )
      .all() as StageRow[];
    const ours = rows.filter((row) => subjects.has(row.subject));
    const span = (pick: (row: StageRow) => number | null) =>
      summarizeLatencies(ours.map(pick).map((value) => value ?? NaN));
    return {
      'processing (row stored → filed)': span((r) =>
        r.inbound_updated === null ? null : r.inbound_updated - r.inbound_created,
      ),
      'queue (event committed → fanned out)': span((r) =>
        r.dispatched === null || r.event_created === null ? null : r.dispatched - r.event_created,
      ),
      'claim (fanned out → first attempt)': span((r) =>
        r.first_attempt === null || r.dispatched === null ? null : r.first_attempt - r.dispatched,
      ),
      'attempt (request → answer)': span((r) => r.attempt_ms),
      'event committed → delivered': span((r) =>
        r.delivered_at === null || r.event_created === null ? null : r.delivered_at - r.event_created,
      ),
      'deliveries attempted more than once': ours.filter((row) => (row.attempts ?? 0) > 1).length,
    };
  } finally {
    db.close();
  }
}
