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
    expect(decide('5.0.0', 'SMTP error from remote mail server after MAIL FROM:<a@b.example>: 550 no')).toBe('rejected');
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
