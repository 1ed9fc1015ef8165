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

function runOnce(text: string): number {
  const start = performance.now();
  const output = extractReplyText({ text });
  // Read the output so that no lazy string work is left out of the measurement.
  if (output.length > 0) output.charCodeAt(output.length - 1);
  return performance.now() - start;
}

/** Mean time of one call over `repeats` calls. */
function sampleMs(text: string, repeats: number): number {
  let total = 0;
  for (let repeat = 0; repeat < repeats; repeat++) total += runOnce(text);
  return total / repeats;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** How many calls on the smaller input make one sample last MIN_SAMPLE_MS. */
function calibrateRepeats(text: string): number {
  runOnce(text);
  return Math.min(200, Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(runOnce(text), 0.01))));
}

describe('extractReplyText in linear time', () => {
  it.each(REPLY_INPUT_SHAPES.map((shape) => [shape]))('%s: doubling the input at most triples the time', (shape) => {
    const smallText = buildReplyInput(shape, BASE_SIZE);
    const repeats = calibrateRepeats(smallText);
    const largeText = buildReplyInput(shape, 2 * BASE_SIZE);
    runOnce(largeText);
    // Samples alternate between the two sizes, so that a burst of load on the shared machine hits both alike.
    const small: number[] = [];
    const large: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      small.push(sampleMs(smallText, repeats));
      large.push(sampleMs(largeText, repeats));
    }
    expect(median(large) / median(small)).toBeLessThanOrEqual(MAX_RATIO);
  }, 60_000);
});
