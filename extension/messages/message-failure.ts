// What the background answers a content script instead of data: the request was refused (who sent it, in words)
// or failed (why). Shared by both sides, so the content script can tell a refusal from an answer.
import { z } from 'zod';

export const messageFailureSchema = z.object({
  failure: z.enum(['refused', 'failed']),
  error: z.string(),
});
export type MessageFailure = z.infer<typeof messageFailureSchema>;

/** The answer itself, or an Error carrying the background's words when it refused or failed. */
export function unwrapAnswer(answer: unknown): unknown {
  const failure = messageFailureSchema.safeParse(answer);
  if (failure.success) throw new Error(failure.data.error);
  return answer;
}
