// Reply extraction stays linear: doubling the input of any shape must not more than triple the time.
import { describe, expect, it } from 'vitest';
import { buildReplyInput, REPLY_INPUT_SHAPES } from '../../bench/reply-inputs.ts';
import { extractReplyText } from './strip.ts';

const BASE_SIZE = 192 * 1024;
const RUNS = 7;
/** Linear work doubles; quadratic work quadruples. Three leaves room for a noisy, shared machine. */
const MAX_RATIO = 3;

/** Median wall time of several runs, after a warm-up; the output is read so that no lazy string work is skipped. */
function medianMs(text: string): number {
  const run = (): number => {
    const start = performance.now();
    const output = extractReplyText({ text });
    if (output.length > 0) output.charCodeAt(output.length - 1);
    return performance.now() - start;
  };
  run();
  const samples = Array.from({ length: RUNS }, run).sort((a, b) => a - b);
  return samples[Math.floor(RUNS / 2)] ?? 0;
}

describe('extractReplyText in linear time', () => {
  it.each(REPLY_INPUT_SHAPES.map((shape) => [shape]))('%s: doubling the input at most triples the time', (shape) => {
    const small = medianMs(buildReplyInput(shape, BASE_SIZE));
    const large = medianMs(buildReplyInput(shape, 2 * BASE_SIZE));
    // Below a millisecond the clock's resolution, not the algorithm, decides the ratio.
    expect(large / Math.max(small, 1)).toBeLessThanOrEqual(MAX_RATIO);
  }, 60_000);
});
