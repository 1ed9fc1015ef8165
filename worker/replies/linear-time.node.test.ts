// Reply extraction stays linear: doubling the input of any shape must not more than triple the time.
import { describe, expect, it } from 'vitest';
import { buildReplyInput, REPLY_INPUT_SHAPES } from '../../bench/reply-inputs.ts';
import { extractReplyText } from './strip.ts';

const BASE_SIZE = 128 * 1024;
const RUNS = 5;
/** Linear work doubles; quadratic work quadruples. Three leaves room for a noisy, shared machine. */
const MAX_RATIO = 3;

/** Each sample repeats the call until it lasts at least this long, so that clock resolution and noise matter less. */
const MIN_SAMPLE_MS = 20;
/** Enough calls for a sample of 20 ms even where a call takes microseconds (shapes whose work is mostly skipped). */
const MAX_REPEATS = 20_000;

function runOnce(text: string): number {
  const start = performance.now();
  const output = extractReplyText({ text });
  // Read the output so that no lazy string work is left out of the measurement.
  if (output.length > 0) output.charCodeAt(output.length - 1);
  return performance.now() - start;
}

/**
 * Mean CPU time of one call over `repeats` calls: CPU time, not wall time, since on a shared machine the wall clock
 * also counts the time spent waiting for a core.
 */
function sampleMs(text: string, repeats: number): number {
  const start = process.cpuUsage();
  for (let repeat = 0; repeat < repeats; repeat++) runOnce(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / repeats;
}

/** How many calls on the smaller input make one sample last MIN_SAMPLE_MS. */
function calibrateRepeats(text: string): number {
  runOnce(text);
  return Math.min(MAX_REPEATS, Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(runOnce(text), 0.001))));
}

describe('extractReplyText in linear time', () => {
  it.each(REPLY_INPUT_SHAPES.map((shape) => [shape]))(
    '%s: doubling the input at most triples the time',
    (shape) => {
      const smallText = buildReplyInput(shape, BASE_SIZE);
      const repeats = calibrateRepeats(smallText);
      const largeText = buildReplyInput(shape, 2 * BASE_SIZE);
      runOnce(largeText);
      const measureRatio = (): number => {
        // Samples alternate between the two sizes, so that a burst of load on the shared machine hits both alike.
        const small: number[] = [];
        const large: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          small.push(sampleMs(smallText, repeats));
          large.push(sampleMs(largeText, repeats));
        }
        // The fastest sample is the stage's own cost; garbage collection and load only ever add to a sample.
        return Math.min(...large) / Math.min(...small);
      };
      // Quadratic work makes this 4 on every measurement, linear work about 2: a burst of load (or of garbage
      // collection) on one measurement is given one second measurement before the test fails.
      const first = measureRatio();
      expect(first <= MAX_RATIO ? first : measureRatio()).toBeLessThanOrEqual(MAX_RATIO);
    },
    60_000,
  );
});
