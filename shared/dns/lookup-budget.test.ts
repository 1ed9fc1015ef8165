import { describe, expect, it } from 'vitest';
import { createBudgetedResolver } from './lookup-budget.ts';
import { DnsError, type Resolver } from './resolver.ts';

function createDelayedResolver(delays: Record<string, number>) {
  const asked: string[] = [];
  const resolver: Resolver = async (name, type) => {
    asked.push(`${type} ${name}`);
    await new Promise((resolve) => setTimeout(resolve, delays[name] ?? 0));
    return [`${name}-answer`] as never;
  };
  return { resolver, asked };
}

describe('createBudgetedResolver', () => {
  it('asks each question once, case and trailing dot aside', async () => {
    const { resolver, asked } = createDelayedResolver({});
    const budgeted = createBudgetedResolver(resolver, { queryTimeoutMs: 100, budgetMs: 1000 });
    await Promise.all([
      budgeted.resolver('a.example', 'A'),
      budgeted.resolver('A.example.', 'A'),
      budgeted.resolver('a.example', 'AAAA'),
    ]);
    expect(asked).toEqual(['A a.example', 'AAAA a.example']);
    expect(budgeted.countQueries()).toBe(2);
  });

  it('times out a slow query, and every query once the budget is spent', async () => {
    const { resolver } = createDelayedResolver({ 'slow.example': 1000 });
    let clock = 0;
    const budgeted = createBudgetedResolver(resolver, { queryTimeoutMs: 150, budgetMs: 1000, now: () => clock });
    await expect(budgeted.resolver('slow.example', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
      hostname: 'slow.example',
    });
    expect(await budgeted.resolver('fast.example', 'TXT')).toEqual(['fast.example-answer']);
    clock = 1001;
    const late = budgeted.resolver('late.example', 'TXT');
    await expect(late).rejects.toBeInstanceOf(DnsError);
  });
});
