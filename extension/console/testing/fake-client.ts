// A fake ApiClient for the views' tests: every method is a vi.fn that fails loudly unless the test gives it an answer.
import { vi, type Mock } from 'vitest';
import type { ApiClient } from '../../gateway/api-client.ts';

type Methods = {
  [Name in keyof ApiClient as ApiClient[Name] extends (...args: never[]) => unknown ? Name : never]: ApiClient[Name];
};
export type FakeClient = { origin: string } & { [Name in keyof Methods]: Mock<Methods[Name]> };

const METHOD_NAMES: (keyof Methods)[] = [
  'listDomains',
  'getDomainReport',
  'listAliases',
  'createAlias',
  'updateAlias',
  'deleteAlias',
  'listThreads',
  'getThread',
  'downloadAttachment',
  'listInbound',
  'replayInbound',
  'releaseInbound',
  'listSuppressions',
  'liftSuppression',
  'addSuppression',
  'listBounces',
  'listWebhooks',
  'createWebhook',
  'enableWebhook',
  'listDeliveries',
  'retryDelivery',
  'getStats',
];

export function createFakeClient(answers: Partial<{ [Name in keyof Methods]: Methods[Name] }> = {}): FakeClient {
  const fake: Record<string, unknown> = { origin: 'https://gateway.test' };
  for (const name of METHOD_NAMES) {
    fake[name] = vi.fn(
      answers[name] ??
        (async () => {
          throw new Error(`unexpected call of ${name}`);
        }),
    );
  }
  return fake as FakeClient;
}

/** The fake where a view expects the real client (both have the same methods). */
export function asClient(fake: FakeClient): ApiClient {
  return fake as unknown as ApiClient;
}
