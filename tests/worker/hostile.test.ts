// Hostile input through the whole pipeline in workerd: every input ends delivered, rejected or failed, raw kept exactly.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { generateMutations, MUTATIONS } from '../hostile/mutations.ts';
import { api, deliverEmail } from './helpers.ts';

/** A sample that covers every mutation family several times and stays well inside CI's time (≈ 200 inputs). */
const SAMPLE_SIZE = 200;
const FINAL_STATUSES = new Set(['delivered', 'rejected', 'failed']);

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('hostile input', () => {
  it(`takes ${SAMPLE_SIZE} mutated messages without a crash, ends each with a reason, and keeps the raw bytes exactly`, async () => {
    const outcomes: Record<string, number> = {};
    const problems: string[] = [];
    for (const input of generateMutations(SAMPLE_SIZE, 2026)) {
      try {
        await deliverEmail(input.bytes, { from: 'hostile@sender.example', to: 'catchall@example.com' });
      } catch (error) {
        problems.push(`${input.name}: email() threw ${String(error)}`);
        continue;
      }
      const row = await env.DB.prepare(
        'SELECT id, status, reason FROM inbound_emails WHERE checksum = ? AND envelope_to = ?',
      )
        .bind(await sha256Hex(input.bytes), 'catchall@example.com')
        .first<{ id: string; status: string; reason: string | null }>();
      if (!row) {
        problems.push(`${input.name}: no inbound row`);
        continue;
      }
      outcomes[row.status] = (outcomes[row.status] ?? 0) + 1;
      if (!FINAL_STATUSES.has(row.status)) problems.push(`${input.name}: ended ${row.status}`);
      if (row.status !== 'delivered' && !row.reason) problems.push(`${input.name}: ${row.status} without a reason`);
      const raw = await api(`/api/inbound/${row.id}/raw`);
      const stored = new Uint8Array(await raw.arrayBuffer());
      if (raw.status !== 200 || (await sha256Hex(stored)) !== (await sha256Hex(input.bytes))) {
        problems.push(`${input.name}: raw bytes differ (${raw.status}, ${stored.length} vs ${input.bytes.length})`);
      }
    }
    console.log(
      `hostile sample: ${SAMPLE_SIZE} inputs, ${Object.keys(MUTATIONS).length} families → ${JSON.stringify(outcomes)}`,
    );
    expect(problems).toEqual([]);
    expect(Object.values(outcomes).reduce((sum, n) => sum + n, 0)).toBe(SAMPLE_SIZE);
    expect(outcomes.failed).toBeGreaterThan(0);
  }, 120_000);
});
