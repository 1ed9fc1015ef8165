// In-Reply-To and References of an outgoing message (RFC 5322 3.6.4), so that the recipient's mail client shows it in
// the conversation: the caller's own, else the thread's latest message and its chain, within the Email Service's
// 2,048 bytes per header value.
import { MAX_HEADER_VALUE_BYTES } from './email-service-rules.ts';

/**
 * RFC 5322 3.6.4: References is the parent's References plus the parent's Message-ID. When the list is too long,
 * the first id (the thread's root) and the newest ones are what clients thread by: the middle is dropped.
 */
export function fitReferences(ids: readonly string[], maxBytes = MAX_HEADER_VALUE_BYTES): string[] {
  const unique = [...new Set(ids)];
  const size = (list: string[]) => list.reduce((sum, id) => sum + id.length + 3, 0);
  if (size(unique) <= maxBytes) return unique;
  const [root, ...rest] = unique;
  const kept: string[] = [];
  let budget = maxBytes - (root ? root.length + 3 : 0);
  for (let index = rest.length - 1; index >= 0; index -= 1) {
    const cost = rest[index]!.length + 3;
    if (cost > budget) break;
    kept.unshift(rest[index]!);
    budget -= cost;
  }
  return root && root.length + 3 <= maxBytes ? [root, ...kept] : kept;
}

export function buildThreadingHeaders(inReplyTo: string | null, references: readonly string[]): Record<string, string> {
  const fitted = fitReferences(inReplyTo && !references.includes(inReplyTo) ? [...references, inReplyTo] : references);
  return {
    ...(inReplyTo ? { 'In-Reply-To': `<${inReplyTo}>` } : {}),
    ...(fitted.length > 0 ? { References: fitted.map((id) => `<${id}>`).join(' ') } : {}),
  };
}
