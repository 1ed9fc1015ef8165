// Wraps a Resolver for one domain check: each question asked once, a per-query timeout, an overall time budget.
import { type AnswerFor, DnsError, type RecordType, type Resolver } from './resolver.ts';

export type LookupBudget = {
  /** A single query slower than this counts as timed out. */
  queryTimeoutMs: number;
  /** After this long from the wrapper's creation, every pending or new query times out. */
  budgetMs: number;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
};

export type BudgetedResolver = {
  resolver: Resolver;
  /** How many distinct questions reached the underlying resolver. */
  countQueries(): number;
};

export function createBudgetedResolver(inner: Resolver, budget: LookupBudget): BudgetedResolver {
  const now = budget.now ?? Date.now;
  const deadline = now() + budget.budgetMs;
  const answers = new Map<string, Promise<unknown>>();

  function askWithTimeout(name: string, type: RecordType): Promise<unknown> {
    const waitMs = Math.min(budget.queryTimeoutMs, deadline - now());
    if (waitMs <= 0) return Promise.reject(new DnsError('ETIMEOUT', name, type));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DnsError('ETIMEOUT', name, type)), waitMs);
    });
    return Promise.race([inner(name, type), timeout]).finally(() => clearTimeout(timer));
  }

  const resolver = async function resolveWithinBudget<T extends RecordType>(
    name: string,
    type: T,
  ): Promise<AnswerFor<T>> {
    // SPF, MX and DKIM checks often ask the same question (the domain's TXT, a host's A): ask once.
    const key = `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = askWithTimeout(name, type);
      answers.set(key, answer);
    }
    return (await answer) as AnswerFor<T>;
  };
  return { resolver, countQueries: () => answers.size };
}
