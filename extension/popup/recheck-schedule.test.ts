// The re-check backoff: 15 s, 30 s, 1 min, 2 min, then 5 min, stopping when every record passes.
import { describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import {
  allRecordsPass,
  recheckDelayMs,
  secondsUntil,
  startRecheckSchedule,
  type RecheckState,
} from './recheck-schedule.ts';
import { createManualTimers } from './testing/manual-timers.ts';

describe('recheckDelayMs', () => {
  it('grows 15 s, 30 s, 1 min, 2 min, 5 min and stays at 5 min', () => {
    expect([0, 1, 2, 3, 4, 5, 12].map((attempt) => recheckDelayMs(attempt))).toEqual([
      15_000, 30_000, 60_000, 120_000, 300_000, 300_000, 300_000,
    ]);
  });
});

describe('startRecheckSchedule', () => {
  it('checks at the growing intervals until a check passes, then stops', async () => {
    const { timers, advance, pendingCount } = createManualTimers();
    const checkedAt: number[] = [];
    const states: RecheckState[] = [];
    const results = [false, false, false, true];
    startRecheckSchedule({
      timers,
      check: async () => {
        checkedAt.push(timers.now());
        return results.shift() ?? false;
      },
      onState: (state) => states.push(state),
    });
    expect(states[0]).toEqual({ kind: 'waiting', attempt: 0, nextAt: 15_000 });
    await advance(60 * 60_000);
    expect(checkedAt).toEqual([15_000, 45_000, 105_000, 225_000]);
    expect(states.at(-1)).toEqual({ kind: 'passed', attempts: 4 });
    expect(pendingCount()).toBe(0);
  });

  it('counts a failed check as not passing yet, and gives up after the maximum', async () => {
    const { timers, advance } = createManualTimers();
    const states: RecheckState[] = [];
    let calls = 0;
    startRecheckSchedule({
      timers,
      check: async () => {
        calls += 1;
        throw new Error('DNS-over-HTTPS did not answer');
      },
      onState: (state) => states.push(state),
      delays: [1000, 2000],
      maxAttempts: 3,
    });
    await advance(10_000);
    expect(calls).toBe(3);
    expect(
      states.filter((state) => state.kind === 'waiting').map((state) => (state as { nextAt: number }).nextAt),
    ).toEqual([1000, 3000, 5000]);
    expect(states.at(-1)).toEqual({ kind: 'gave-up', attempts: 3 });
  });

  it('runs nothing more once stopped', async () => {
    const { timers, advance, pendingCount } = createManualTimers();
    let calls = 0;
    const states: RecheckState[] = [];
    const schedule = startRecheckSchedule({
      timers,
      check: async () => ((calls += 1), false),
      onState: (state) => states.push(state),
    });
    await advance(15_000);
    schedule.stop();
    await advance(60 * 60_000);
    expect(calls).toBe(1);
    expect(pendingCount()).toBe(0);
    expect(states.at(-1)).toEqual({ kind: 'stopped' });
  });
});

describe('allRecordsPass', () => {
  const base: DomainReport = {
    domain: 'example.com',
    checkedAt: '2026-01-01T00:00:00.000Z',
    status: 'ok',
    findings: [],
  };
  const fix = {
    action: 'add' as const,
    record: { type: 'TXT' as const, name: '_dmarc.example.com', value: 'v=DMARC1; p=none', ttl: 3600 },
  };

  it('passes with ok and info findings, and with a warning nothing can be filled for', () => {
    expect(
      allRecordsPass({
        ...base,
        findings: [
          { check: 'mx', status: 'ok', found: null, expected: null, why: '' },
          { check: 'srv', status: 'info', found: null, expected: null, why: '' },
        ],
      }),
    ).toBe(true);
    expect(
      allRecordsPass({
        ...base,
        findings: [{ check: 'dkim', status: 'warn', found: null, expected: null, why: 'No selector known.' }],
      }),
    ).toBe(true);
  });

  it('does not pass while a record fails or a warning has a fix', () => {
    expect(
      allRecordsPass({ ...base, findings: [{ check: 'dkim', status: 'fail', found: null, expected: null, why: '' }] }),
    ).toBe(false);
    expect(
      allRecordsPass({
        ...base,
        findings: [{ check: 'dmarc', status: 'warn', found: null, expected: null, why: '', fix }],
      }),
    ).toBe(false);
  });
});

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(15_000, 0)).toBe(15);
    expect(secondsUntil(15_000, 14_001)).toBe(1);
    expect(secondsUntil(15_000, 20_000)).toBe(0);
  });
});
