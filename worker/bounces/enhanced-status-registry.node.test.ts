// Tests of the IANA enhanced status code data and the RFC 5321 reply code data.
import { describe, expect, it } from 'vitest';
import { bounceReasonSchema } from '../../shared/api/bounces.ts';
import { ENHANCED_STATUS_REGISTRY, lookUpEnhancedStatus } from './enhanced-status-registry.ts';
import { lookUpReplyCode, REPLY_CODES } from './reply-codes.ts';

describe('enhanced status registry', () => {
  it('lists every subject of RFC 3463 with its "other or undefined" detail and the later registrations', () => {
    for (const subject of ['1', '2', '3', '4', '5', '6', '7'])
      expect(ENHANCED_STATUS_REGISTRY[`${subject}.0`]?.undefinedDetail).toBe(true);
    expect(ENHANCED_STATUS_REGISTRY['1.10']?.reference).toBe('RFC 7505');
    expect(ENHANCED_STATUS_REGISTRY['7.26']?.summary).toBe('Multiple authentication checks failed');
    expect(ENHANCED_STATUS_REGISTRY['7.30']?.reference).toBe('RFC 8689');
    expect(Object.keys(ENHANCED_STATUS_REGISTRY).length).toBeGreaterThanOrEqual(80);
  });

  it('names only reasons of the wire vocabulary', () => {
    for (const entry of Object.values(ENHANCED_STATUS_REGISTRY))
      if (entry.reason) expect(bounceReasonSchema.parse(entry.reason)).toBe(entry.reason);
    for (const entry of Object.values(REPLY_CODES))
      if (entry.reason) expect(bounceReasonSchema.parse(entry.reason)).toBe(entry.reason);
  });

  it('looks codes up by subject and detail, whatever the class and zero padding', () => {
    expect(lookUpEnhancedStatus('5.1.1')).toMatchObject({ reason: 'userunknown', weight: 'decisive' });
    expect(lookUpEnhancedStatus('4.2.2')).toMatchObject({ reason: 'mailboxfull', weight: 'decisive' });
    expect(lookUpEnhancedStatus('5.7.1')).toMatchObject({ reason: 'securityerror', weight: 'leaning' });
    expect(lookUpEnhancedStatus('5.0.0')).toMatchObject({ reason: null, weight: 'open' });
    expect(lookUpEnhancedStatus('5.4.312')).toBeNull();
    expect(lookUpEnhancedStatus('not a code')).toBeNull();
  });

  it('stops trusting a code that RFC 3463 allows only as a transient error when it comes with a 5', () => {
    expect(lookUpEnhancedStatus('4.4.1')?.weight).toBe('leaning');
    expect(lookUpEnhancedStatus('5.4.1')?.weight).toBe('open');
  });

  it('reads what a basic reply code suggests', () => {
    expect(lookUpReplyCode('552')?.reason).toBe('mailboxfull');
    expect(lookUpReplyCode('556')?.reason).toBe('notaccept');
    expect(lookUpReplyCode('550')?.reason).toBeNull();
    expect(lookUpReplyCode('299')).toBeNull();
    expect(lookUpReplyCode(null)).toBeNull();
  });
});
