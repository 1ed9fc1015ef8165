import { describe, expect, it } from 'vitest';
import { describeSendError } from './send-errors.ts';

const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('what an Email Service error means for the outbox', () => {
  it('stops for refusals of the message itself', () => {
    for (const code of [
      'E_VALIDATION_ERROR',
      'E_TOO_MANY_RECIPIENTS',
      'E_RECIPIENT_SUPPRESSED',
      'E_CONTENT_TOO_LARGE',
      'E_HEADER_NOT_ALLOWED',
    ]) {
      expect(describeSendError(coded(code, 'no'), 5)).toMatchObject({
        disposition: 'permanent-failure',
        failure: 'send-refused',
      });
    }
  });

  it("stops for the binding's own sender and recipient restrictions (as workerd words them)", () => {
    expect(describeSendError(new Error('email from sales@example.com not allowed'), 1)).toMatchObject({
      disposition: 'permanent-failure',
    });
    expect(describeSendError(new Error('email to ann@customer.example not allowed'), 1)).toMatchObject({
      disposition: 'permanent-failure',
    });
  });

  it('retries limits, outages, an unonboarded domain and anything unknown', () => {
    expect(describeSendError(coded('E_RATE_LIMIT_EXCEEDED', 'slow down'), 1)).toMatchObject({
      disposition: 'retry',
      failure: 'send-failed',
    });
    expect(describeSendError(coded('E_DAILY_LIMIT_EXCEEDED', 'quota'), 1)).toMatchObject({ disposition: 'retry' });
    expect(describeSendError(coded('E_SENDER_NOT_VERIFIED', 'verify'), 1)).toMatchObject({
      disposition: 'retry',
      failure: 'configuration',
    });
    expect(describeSendError(new Error('network lost'), 1)).toMatchObject({
      disposition: 'retry',
      error: 'the Email Service could not take the message now: network lost',
    });
  });
});
