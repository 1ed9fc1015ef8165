// Tests of reason and status decisions from status codes, reply codes and diagnostic phrases.
import { describe, expect, it } from 'vitest';
import { decideReason, findFailedCommand } from './reasons.ts';
import { chooseStatus, decidePermanent, findEnhancedStatus, findReplyCode } from './status-codes.ts';

describe('decideReason', () => {
  const decide = (status: string | null, diagnostic: string | null, action: string | null = 'failed') =>
    decideReason({ status, replyCode: null, diagnostic, action });

  it('maps precise status codes', () => {
    expect(decide('5.1.1', null)).toBe('userunknown');
    expect(decide('5.1.2', null)).toBe('hostunknown');
    expect(decide('5.2.2', null)).toBe('mailboxfull');
    expect(decide('5.1.6', null)).toBe('hasmoved');
  });

  it('lets a specific phrase beat a generic code', () => {
    expect(decide('5.0.0', '552 mailbox full')).toBe('mailboxfull');
    expect(decide('5.7.1', '554 5.7.1 Client host rejected: blocked using zen.spamhaus.org')).toBe('blocked');
    expect(decide('5.7.1', 'Relay access denied')).toBe('norelaying');
  });

  it('follows the failed SMTP command', () => {
    expect(decide('5.0.0', '550 User unknown (in reply to end of DATA command)')).toBe('filtered');
    expect(decide('5.0.0', 'SMTP error from remote mail server after MAIL FROM:<a@b.example>: 550 no')).toBe(
      'rejected',
    );
    expect(findFailedCommand('(in reply to RCPT TO command)')).toBe('RCPT');
  });

  it('falls back to expired for delays and onhold/undefined without evidence', () => {
    expect(decide(null, null, 'delayed')).toBe('expired');
    expect(decide(null, 'something odd happened')).toBe('onhold');
    expect(decide(null, null)).toBe('undefined');
    expect(decide('2.0.0', null, 'delivered')).toBe('delivered');
  });
});

describe('status codes', () => {
  it('finds enhanced and reply codes in text', () => {
    expect(findEnhancedStatus('550-5.7.26 Unauthenticated email')).toBe('5.7.26');
    expect(findEnhancedStatus('host 192.0.2.1 said nothing')).toBeNull();
    expect(findReplyCode('host mx said: 552 Mailbox full')).toBe('552');
  });

  it('prefers a specific code of the same class over x.0.0', () => {
    expect(chooseStatus('5.0.0', '5.1.1')).toBe('5.1.1');
    expect(chooseStatus('4.0.0', '5.1.1')).toBe('4.0.0');
  });

  it('decides permanence from status, then reply code, then prose', () => {
    expect(decidePermanent('4.2.2', '552', true)).toBe(false);
    expect(decidePermanent(null, '550', false)).toBe(true);
    expect(decidePermanent(null, null, false)).toBe(false);
  });
});

describe('decideReason precedence', () => {
  const decide = (evidence: Partial<Parameters<typeof decideReason>[0]>) =>
    decideReason({ status: null, replyCode: null, diagnostic: null, action: 'failed', ...evidence });

  it("puts the server's own precise code before the words", () => {
    expect(
      decide({
        status: '5.1.1',
        diagnosticStatus: '5.1.1',
        fieldStatus: '5.1.1',
        diagnostic: '550 5.1.1 mailbox suspended for spam',
      }),
    ).toBe('userunknown');
  });

  it('lets the basic reply code and the words outvote a carelessly chosen enhanced code', () => {
    expect(
      decide({
        status: '5.1.1',
        diagnosticStatus: '5.1.1',
        replyCode: '552',
        diagnostic: '552 sorry, the mailbox is over quota (#5.1.1)',
      }),
    ).toBe('mailboxfull');
  });

  it("puts specific words before the reporting MTA's own Status", () => {
    expect(
      decide({
        status: '5.1.1',
        fieldStatus: '5.1.1',
        diagnosticStatus: null,
        diagnostic: '553 listed at zen.spamhaus.org',
      }),
    ).toBe('blocked');
  });

  it('lets specific words beat a code that only names the area, and the area fill in otherwise', () => {
    expect(decide({ status: '5.7.1', diagnostic: '554 5.7.1 <a@b.example>: Relay access denied' })).toBe('norelaying');
    expect(decide({ status: '5.7.1', diagnostic: '554 5.7.1 Message refused' })).toBe('securityerror');
    expect(
      decide({ status: '5.6.0', diagnostic: '550 5.6.0 <a@b.example>: Recipient address rejected: see our site' }),
    ).toBe('contenterror');
  });

  it('reads the failed SMTP command', () => {
    expect(
      decide({
        status: '5.7.1',
        diagnostic: 'SMTP error from remote mail server after MAIL FROM:<s@a.example>: 550 5.7.1 Access denied',
      }),
    ).toBe('rejected');
    expect(decide({ diagnostic: 'SMTP error from remote mail server after initial connection: 554 go away' })).toBe(
      'blocked',
    );
    expect(decide({ diagnostic: '550 <a@b.example>: User unknown (in reply to end of DATA command)' })).toBe(
      'filtered',
    );
    expect(
      decide({
        status: '5.1.1',
        diagnostic: '550 5.1.1 <a@b.example>: User unknown (in reply to end of DATA command)',
      }),
    ).toBe('userunknown');
    expect(decide({ replyCode: '550', diagnostic: '550 go away (in reply to RCPT TO command)' })).toBe('userunknown');
  });

  it('says expired for a delay or a transient failure given up, unless a cause is named', () => {
    expect(
      decide({
        status: '4.4.1',
        action: 'delayed',
        diagnostic: 'connect to mx.b.example[192.0.2.1]:25: Connection refused',
      }),
    ).toBe('expired');
    expect(
      decide({
        status: '4.4.1',
        action: 'failed',
        diagnostic: 'connect to mx.b.example[192.0.2.1]:25: Connection refused',
      }),
    ).toBe('expired');
    expect(decide({ status: '4.2.2', action: 'delayed', diagnostic: '452 4.2.2 Mailbox full' })).toBe('mailboxfull');
    expect(
      decide({
        status: '4.4.7',
        action: 'failed',
        diagnostic: 'lost connection with mx.b.example while sending RCPT TO',
      }),
    ).toBe('expired');
    expect(
      decide({
        status: '4.4.7',
        action: 'failed',
        diagnostic: 'Name service error for name=b.example type=MX: Malformed or unexpected name server reply',
      }),
    ).toBe('networkerror');
  });

  it('takes a transient "host not found" for a network problem', () => {
    expect(
      decide({
        status: '4.4.3',
        action: 'delayed',
        diagnostic:
          'Host or domain name not found. Name service error for name=b.example type=MX: Host not found, try again',
      }),
    ).toBe('networkerror');
    expect(
      decide({
        status: '5.4.4',
        diagnostic: 'Host or domain name not found. Name service error for name=b.example type=A: Host not found',
      }),
    ).toBe('hostunknown');
  });

  it('reads multi-line replies without their repeated codes, and X-Unix diagnostics as mailer errors', () => {
    expect(
      decide({
        status: '5.7.1',
        diagnostic: '550-5.7.1 Messages with multiple 550 5.7.1 addresses in From: header are not accepted',
      }),
    ).toBe('notcompliantrfc');
    expect(decide({ status: '5.0.0', diagnostic: '127', diagnosticType: 'X-Unix' })).toBe('mailererror');
  });
});
