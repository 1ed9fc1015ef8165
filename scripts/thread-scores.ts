// Pairwise precision/recall of a threading against notmuch's reference: shared by the threading evaluations.
import { readFileSync } from 'node:fs';

/** Message-ID → notmuch's thread, from a corpus's `<set>.expected.json`. */
export function readExpectedThreads(file: string): Map<string, string> {
  const expectedJson = JSON.parse(readFileSync(file, 'utf8')) as { threads: { thread: string; message_ids: string[] }[] };
  const expected = new Map<string, string>();
  for (const thread of expectedJson.threads) for (const id of thread.message_ids) expected.set(id, thread.thread);
  return expected;
}

/** Over the messages both know: of the pairs put together, how many belong together (precision), and the reverse (recall). */
export function scorePairs(predicted: Map<string, unknown>, expected: Map<string, string>) {
  const ids = [...expected.keys()].filter((id) => predicted.has(id));
  let truePositive = 0;
  let predictedPairs = 0;
  let expectedPairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const samePredicted = predicted.get(ids[i]!) === predicted.get(ids[j]!);
      const sameExpected = expected.get(ids[i]!) === expected.get(ids[j]!);
      if (samePredicted) predictedPairs++;
      if (sameExpected) expectedPairs++;
      if (samePredicted && sameExpected) truePositive++;
    }
  }
  return {
    messages: ids.length,
    precision: predictedPairs === 0 ? 1 : truePositive / predictedPairs,
    recall: expectedPairs === 0 ? 1 : truePositive / expectedPairs,
  };
}
