import { describe, expect, it } from 'vitest';
import { LOOP_MARKER_HEADER } from '../deliver/loop-marker.ts';
import { DEFAULT_RATE_RULE, isOverRateLimit, mayAutoAnswer, readSignals, readSpamVerdict } from './signals.ts';

const h = (pairs: [string, string][]) => pairs.map(([key, value]) => ({ key: key.toLowerCase(), value }));

describe('readSignals / mayAutoAnswer', () => {
  it('answers plain human mail', () => {
    const signals = readSignals(h([['From', 'ann@sender.example']]), 'ann@sender.example');
    expect(signals).toEqual({
      autoSubmitted: null,
      precedence: null,
      autoResponder: false,
      listMail: false,
      loopMarker: null,
      nullSender: false,
      mailerDaemon: false,
    });
    expect(mayAutoAnswer(signals)).toBe(true);
  });

  it('treats Auto-Submitted: no as human (RFC 3834 5.1)', () => {
    expect(mayAutoAnswer(readSignals(h([['Auto-Submitted', 'no']]), 'a@b.example'))).toBe(true);
  });

  it.each([
    [[['Auto-Submitted', 'auto-replied']], 'a@b.example', 'autoSubmitted'],
    [[['Auto-Submitted', 'auto-generated; owner-email="x@y"']], 'a@b.example', 'autoSubmitted'],
    [[['Precedence', 'bulk']], 'a@b.example', 'precedence'],
    [[['Precedence', 'junk']], 'a@b.example', 'precedence'],
    [[['Precedence', 'list']], 'a@b.example', 'precedence'],
    [[['X-Autoreply', 'yes']], 'a@b.example', 'autoResponder'],
    [[['X-Autorespond', 'Out of office']], 'a@b.example', 'autoResponder'],
    [[['X-Auto-Response-Suppress', 'All']], 'a@b.example', 'autoResponder'],
    [[['List-Id', '<sales.lists.example>']], 'a@b.example', 'listMail'],
    [[['List-Unsubscribe', '<mailto:u@lists.example>']], 'a@b.example', 'listMail'],
    [[[LOOP_MARKER_HEADER, 'example.com']], 'a@b.example', 'loopMarker'],
    [[], '', 'nullSender'],
    [[], 'MAILER-DAEMON@mx.example', 'mailerDaemon'],
    [[], 'postmaster@mx.example', 'mailerDaemon'],
  ] as [[string, string][], string, string][])('never answers %j from <%s> (%s)', (pairs, sender, signal) => {
    const signals = readSignals(h(pairs), sender) as Record<string, unknown>;
    expect(signals[signal]).toBeTruthy();
    expect(mayAutoAnswer(signals as never)).toBe(false);
  });

  it('reads the loop marker as written (the pipeline checks whose it is)', () => {
    expect(readSignals(h([[LOOP_MARKER_HEADER, ' inb_01abc.k3j ']]), 'a@b.example').loopMarker).toBe('inb_01abc.k3j');
  });
});

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
