import { describe, expect, it } from 'vitest';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { decideDmarcFailure, describeUndecidedAuth, passesContactPolicy } from './trust-policy.ts';

function verdict(
  overrides: Partial<AuthVerdict> & {
    dmarcResult?: AuthVerdict['dmarc']['result'];
    policy?: AuthVerdict['dmarc']['policy'];
  },
): AuthVerdict {
  const { dmarcResult = 'pass', policy = 'reject', ...rest } = overrides;
  return {
    spf: { result: 'none', domain: null, clientIp: null, helo: null },
    dkim: [],
    dmarc: { result: dmarcResult, policy, domain: 'sender.example' },
    arc: { result: 'none', sealers: [], trustedSealer: null },
    authenticated: dmarcResult === 'pass',
    reason: dmarcResult === 'pass' ? 'DMARC pass for sender.example' : `DMARC ${dmarcResult} for sender.example`,
    authenticationResults: 'mailgate; none',
    ...rest,
  };
}

describe('decideDmarcFailure', () => {
  it('accepts anything that is not a DMARC fail', () => {
    expect(decideDmarcFailure(verdict({}), 'reject')).toEqual({ action: 'accept', reason: 'DMARC pass' });
    expect(decideDmarcFailure(verdict({ dmarcResult: 'none', policy: null }), 'reject').action).toBe('accept');
    expect(decideDmarcFailure(verdict({ dmarcResult: 'temperror', policy: null }), 'reject').action).toBe('accept');
  });

  it('applies the domain setting to a failure', () => {
    const failed = verdict({ dmarcResult: 'fail' });
    expect(decideDmarcFailure(failed, 'reject')).toEqual({
      action: 'reject',
      reason: 'DMARC fail for sender.example: the message does not come from that domain',
    });
    expect(decideDmarcFailure(failed, 'quarantine').action).toBe('quarantine');
    expect(decideDmarcFailure(failed, 'tag').action).toBe('tag');
  });

  it('only tags a failure when the author domain publishes p=none', () => {
    expect(decideDmarcFailure(verdict({ dmarcResult: 'fail', policy: 'none' }), 'reject').action).toBe('tag');
  });

  it('accepts a failure overridden by a trusted ARC sealer', () => {
    const kept = verdict({ dmarcResult: 'fail', authenticated: true, reason: 'trusted sealer' });
    expect(decideDmarcFailure(kept, 'reject')).toEqual({ action: 'accept', reason: 'trusted sealer' });
  });
});

describe('passesContactPolicy', () => {
  const pass = verdict({});
  const spoofed = verdict({ dmarcResult: 'fail' });
  it('lets everyone through `everyone`, even unauthenticated', () => {
    expect(passesContactPolicy('everyone', { verdict: spoofed, isKnownContact: false, isFollower: false }).ok).toBe(
      true,
    );
  });
  it('refuses a spoofed From on `authenticated`', () => {
    expect(passesContactPolicy('authenticated', { verdict: spoofed, isKnownContact: true, isFollower: true })).toEqual({
      ok: false,
      reason: 'the alias accepts only authenticated senders (DMARC fail for sender.example)',
    });
    expect(passesContactPolicy('authenticated', { verdict: null, isKnownContact: true, isFollower: true }).ok).toBe(
      false,
    );
    expect(passesContactPolicy('authenticated', { verdict: pass, isKnownContact: false, isFollower: false }).ok).toBe(
      true,
    );
  });
  it('needs authentication and membership for `known` and `followers`', () => {
    expect(passesContactPolicy('known', { verdict: spoofed, isKnownContact: true, isFollower: false }).ok).toBe(false);
    expect(passesContactPolicy('known', { verdict: pass, isKnownContact: false, isFollower: true }).ok).toBe(false);
    expect(passesContactPolicy('known', { verdict: pass, isKnownContact: true, isFollower: false }).ok).toBe(true);
    expect(passesContactPolicy('followers', { verdict: spoofed, isKnownContact: true, isFollower: true }).ok).toBe(
      false,
    );
    expect(passesContactPolicy('followers', { verdict: pass, isKnownContact: true, isFollower: false }).ok).toBe(false);
    expect(passesContactPolicy('followers', { verdict: pass, isKnownContact: false, isFollower: true }).ok).toBe(true);
  });
});

describe('describeUndecidedAuth', () => {
  it('names the lookups that failed transiently when the sender is not authenticated', () => {
    const undecided = verdict({
      dmarcResult: 'temperror',
      policy: null,
      spf: { result: 'temperror', domain: 'sender.example', clientIp: '192.0.2.1', helo: null },
      dkim: [{ domain: 'signer.example', selector: 's1', result: 'temperror', aligned: false }],
    });
    expect(describeUndecidedAuth(undecided)).toBe(
      'DNS temperror looking up DMARC for sender.example, SPF for sender.example, the DKIM key of signer.example',
    );
  });

  it('is null when the verdict is settled either way, or when nothing was checked', () => {
    expect(describeUndecidedAuth(null)).toBeNull();
    expect(describeUndecidedAuth(verdict({ dmarcResult: 'fail' }))).toBeNull();
    expect(describeUndecidedAuth(verdict({ dmarcResult: 'none', policy: null }))).toBeNull();
    // Authenticated by DMARC despite an SPF lookup that timed out: no doubt left.
    expect(
      describeUndecidedAuth(verdict({ spf: { result: 'temperror', domain: 'x.example', clientIp: null, helo: null } })),
    ).toBeNull();
  });
});
