// planFollowerForwards: who gets a copy of a reply, and who never does.
import { describe, expect, it } from 'vitest';
import { planFollowerForwards, readVerifiedDestinations } from './forward-plan.ts';

const verified = readVerifiedDestinations(' Max@Customer.example,zoe@partner.example  desk@example.com ');

describe('planFollowerForwards', () => {
  it('reads the verified list without regard to case or separators', () => {
    expect([...verified]).toEqual(['max@customer.example', 'zoe@partner.example', 'desk@example.com']);
    expect(readVerifiedDestinations(undefined).size).toBe(0);
  });

  it("keeps verified followers, drops the author, unverified addresses and mailgate's own domains", () => {
    const plan = planFollowerForwards({
      followers: [
        'zoe@partner.example',
        'lea@customer.example',
        'MAX@customer.example',
        'desk@example.com',
        'max@customer.example',
      ],
      sender: 'Lea@Customer.example',
      ownDomainNames: new Set(['example.com']),
      verified,
    });
    expect(plan).toEqual(['max@customer.example', 'zoe@partner.example']);
  });

  it('never sends the author their own reply, even when verified', () => {
    expect(
      planFollowerForwards({
        followers: ['max@customer.example'],
        sender: 'max@customer.example',
        ownDomainNames: new Set(),
        verified,
      }),
    ).toEqual([]);
  });
});
