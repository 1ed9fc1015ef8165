// Pairwise precision and recall of a thread assignment against a reference (two messages "pair" when they share a
// thread), over the messages both know: how eval:threads and replay:corpora score threading.

export type PairScore = { messages: number; precision: number; recall: number };

export function scoreThreadPairs(
  predicted: ReadonlyMap<string, string | number>,
  expected: ReadonlyMap<string, string>,
): PairScore {
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

/** Message-ID → thread of a notmuch `*.expected.json` (its `threads[].message_ids`). */
export function readExpectedThreads(expectedJson: {
  threads: { thread: string; message_ids: string[] }[];
}): Map<string, string> {
  const expected = new Map<string, string>();
  for (const thread of expectedJson.threads) for (const id of thread.message_ids) expected.set(id, thread.thread);
  return expected;
}
