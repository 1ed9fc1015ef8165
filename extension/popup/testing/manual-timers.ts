// Test helper: a hand-driven clock for the re-check schedule and the countdown (`advance` fires due timers in order).
import type { TimerPort } from '../recheck-schedule.ts';

export type ManualTimers = {
  timers: TimerPort;
  /** Moves the clock forward, firing every timer that falls due, and lets promises settle between them. */
  advance(ms: number): Promise<void>;
  pendingCount(): number;
};

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

export function createManualTimers(start = 0): ManualTimers {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    timers: {
      now: () => now,
      setTimeout(callback, ms) {
        const id = nextId++;
        pending.set(id, { at: now + ms, callback });
        return id;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = until;
      await settle();
    },
    pendingCount: () => pending.size,
  };
}
