// html-to-text and the sanitizer stay linear: doubling the input must not more than triple the CPU time (the fastest
// of several runs at each size).
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_HTML, REALISTIC_HTML } from './fixtures/html-inputs.ts';
import { sanitizeHtml } from './sanitize.ts';
import { convertHtmlToText } from './to-text.ts';

/** Big enough that both sizes run with the garbage collector in its steady state, not once in one and never in the other. */
const BASE_BYTES = 512 * 1024;
const RUNS = 9;

/** CPU time, not wall time: on a shared machine the wall clock also counts the time spent waiting for a core. */
function measureCpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The fastest run is the stage's own cost: a major garbage collection lands on some runs and not others (at 256 KiB one
 * stage measured 12 to 76 ms across nine runs of the same input), which swings a median by more than the 2× that
 * separates linear from quadratic. A quadratic stage is 4× slower on its fastest run as on every other. Runs alternate
 * between the sizes, so that a busy moment of the machine weighs on both alike.
 */
function fastestCpuMs(small: () => void, large: () => void): { smallMs: number; largeMs: number } {
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    smallTimes.push(measureCpuMs(small));
    largeTimes.push(measureCpuMs(large));
  }
  return { smallMs: Math.min(...smallTimes), largeMs: Math.min(...largeTimes) };
}

const STAGES = [
  ['convertHtmlToText', convertHtmlToText],
  ['sanitizeHtml', (html: string) => sanitizeHtml(html)],
] as const;

describe('linear time in the size of the HTML', () => {
  for (const shape of [REALISTIC_HTML, ...ADVERSARIAL_HTML]) {
    it.each(STAGES)(`%s on ${shape.name}`, { timeout: 60_000 }, (_name, stage) => {
      const small = shape.build(BASE_BYTES);
      const large = shape.build(2 * BASE_BYTES);
      stage(large); // warm up the JIT on the shape
      const ratio = (): number => {
        const { smallMs, largeMs } = fastestCpuMs(
          () => stage(small),
          () => stage(large),
        );
        return largeMs / Math.max(smallMs, 2); // the floor keeps timer noise on tiny times out
      };
      // A quadratic stage makes this 4 on every measurement, a linear one about 2; a burst of load (or of garbage
      // collection) on one measurement is given one second measurement before the test fails.
      const first = ratio();
      expect(first < 3 ? first : ratio()).toBeLessThan(3);
    });
  }
});
