import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_RULE, isOverRateLimit, readSpamVerdict } from './signals.ts';

const h = (pairs: [string, string][]) => pairs.map(([key, value]) => ({ key: key.toLowerCase(), value }));

describe('readSpamVerdict', () => {
  it('reads SpamAssassin flags and scores', () => {
    expect(
      readSpamVerdict(
        h([
          ['X-Spam-Flag', 'YES'],
          ['X-Spam-Status', 'Yes, score=7.3 required=5.0 tests=X'],
        ]),
      ),
    ).toEqual({
      flagged: true,
      score: 7.3,
      source: 'x-spam-flag',
    });
    expect(readSpamVerdict(h([['X-Spam-Status', 'No, score=-0.1 required=5.0']]))).toEqual({
      flagged: false,
      score: -0.1,
      source: 'x-spam-status',
    });
    expect(readSpamVerdict(h([['X-Spam-Score', '6.2']]))).toEqual({
      flagged: true,
      score: 6.2,
      source: 'x-spam-score',
    });
    expect(readSpamVerdict(h([['X-Spam-Score', '1.0']]))).toEqual({ flagged: false, score: 1, source: 'x-spam-score' });
  });

  it('reads Cloudflare Email Security dispositions and the Email Routing score', () => {
    expect(readSpamVerdict(h([['X-CFEmailSecurity-Disposition', 'UCE']]))).toEqual({
      flagged: true,
      score: null,
      source: 'x-cfemailsecurity-disposition',
    });
    expect(readSpamVerdict(h([['X-CFEmailSecurity-Disposition', 'MALICIOUS']])).flagged).toBe(true);
    expect(readSpamVerdict(h([['X-CFEmailSecurity-Disposition', 'BULK']])).flagged).toBe(false);
    expect(readSpamVerdict(h([['X-CF-SpamH-Score', '9']]))).toEqual({
      flagged: true,
      score: 9,
      source: 'x-cf-spamh-score',
    });
    expect(readSpamVerdict(h([['X-CF-SpamH-Score', '0']]))).toEqual({
      flagged: false,
      score: 0,
      source: 'x-cf-spamh-score',
    });
  });

  it('never lets a clean verdict (which a sender can write) cancel a flag', () => {
    expect(
      readSpamVerdict(
        h([
          ['X-Spam-Flag', 'NO'],
          ['X-CF-SpamH-Score', '12'],
        ]),
      ),
    ).toEqual({
      flagged: true,
      score: 12,
      source: 'x-cf-spamh-score',
    });
    expect(
      readSpamVerdict(
        h([
          ['X-CFEmailSecurity-Disposition', 'BULK'],
          ['X-Spam-Flag', 'NO'],
        ]),
      ),
    ).toEqual({
      flagged: false,
      score: null,
      source: 'x-cfemailsecurity-disposition',
    });
  });

  it('says nothing without a verdict header, or with an unreadable score', () => {
    expect(readSpamVerdict(h([['Subject', 'hi']]))).toEqual({ flagged: false, score: null, source: null });
    expect(readSpamVerdict(h([['X-Spam-Score', 'lots']]))).toEqual({ flagged: false, score: null, source: null });
  });
});

describe('isOverRateLimit', () => {
  it("lets the first 20 in 120 minutes through and stops the 21st (Odoo's default)", () => {
    expect(DEFAULT_RATE_RULE).toEqual({ limit: 20, windowMinutes: 120 });
    expect(isOverRateLimit(19)).toBe(false);
    expect(isOverRateLimit(20)).toBe(true);
    expect(isOverRateLimit(2, { limit: 3, windowMinutes: 10 })).toBe(false);
    expect(isOverRateLimit(3, { limit: 3, windowMinutes: 10 })).toBe(true);
  });
});
