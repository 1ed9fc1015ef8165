import { describe, expect, it } from 'vitest';
import { buildPlainTextDraft, type OutgoingDraft } from './draft.ts';
import {
  checkDraftLimits,
  classifyHeader,
  describeHeaderProblem,
  describeHeaderSetProblem,
  estimateEncodedBytes,
} from './email-service-rules.ts';

function draft(overrides: Partial<OutgoingDraft> = {}): OutgoingDraft {
  return {
    ...buildPlainTextDraft({
      from: { address: 'sales@example.com' },
      to: [{ address: 'ann@customer.example' }],
      subject: 'Quote',
      text: 'Hello',
    }),
    ...overrides,
  };
}

describe('the Email Service header rules', () => {
  it('tells platform headers, API fields, the allowlist and X- headers apart, whatever their case', () => {
    expect(['Message-ID', 'date', 'ARC-Seal', 'Return-Path', 'CFBL-Address'].map(classifyHeader)).toEqual([
      'platform',
      'platform',
      'platform',
      'platform',
      'platform',
    ]);
    expect(['Reply-To', 'bcc', 'Subject'].map(classifyHeader)).toEqual(['api-field', 'api-field', 'api-field']);
    expect(['In-Reply-To', 'list-unsubscribe', 'Auto-Submitted'].map(classifyHeader)).toEqual([
      'allowlisted',
      'allowlisted',
      'allowlisted',
    ]);
    expect(['X-Odoo-Objects', 'x-campaign_id'].map(classifyHeader)).toEqual(['custom', 'custom']);
    expect(['Thread-Index', 'User-Agent', 'X Bad'].map(classifyHeader)).toEqual([
      'not-allowed',
      'not-allowed',
      'not-allowed',
    ]);
  });

  it('checks the values the documentation pins down', () => {
    expect(describeHeaderProblem('Auto-Submitted', 'auto-generated')).toBeNull();
    expect(describeHeaderProblem('Auto-Submitted', 'yes')).toMatch(
      /takes one of: auto-generated, auto-replied, auto-notified/,
    );
    expect(describeHeaderProblem('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')).toBeNull();
    expect(describeHeaderProblem('List-Unsubscribe-Post', 'list-unsubscribe=one-click')).not.toBeNull();
    expect(
      describeHeaderProblem('List-Unsubscribe', '<https://example.com/u?id=1>, <mailto:u@example.com>'),
    ).toBeNull();
    expect(describeHeaderProblem('List-Unsubscribe', 'https://example.com/u')).not.toBeNull();
    expect(describeHeaderProblem('X-Tag', '')).toMatch(/is empty/);
    expect(describeHeaderProblem('X-Tag', 'a\r\nBcc: evil@example.com')).toMatch(/line break/);
  });

  it('counts allowlisted headers and the payload of them all', () => {
    const allowlisted = Object.fromEntries(
      [
        'In-Reply-To',
        'References',
        'List-Unsubscribe',
        'List-Id',
        'List-Archive',
        'List-Help',
        'List-Owner',
        'List-Post',
        'List-Subscribe',
        'Precedence',
        'Auto-Submitted',
        'Content-Language',
        'Keywords',
        'Comments',
        'Importance',
        'Priority',
        'Sensitivity',
        'Organization',
        'Require-Recipient-Valid-Since',
        'Expires',
        'Reply-By',
      ].map((name) => [name, 'x']),
    );
    const { 'Reply-By': _dropped, ...twenty } = allowlisted;
    expect(describeHeaderSetProblem({ ...twenty, 'X-One': 'x', 'X-Two': 'y' })).toBeNull();
    expect(describeHeaderSetProblem(allowlisted)).toBe(
      '21 allowlisted headers: the Email Service takes at most 20 (X- headers aside)',
    );
    const heavy = Object.fromEntries(Array.from({ length: 9 }, (_, index) => [`X-Big-${index}`, 'v'.repeat(2000)]));
    expect(describeHeaderSetProblem(heavy)).toMatch(/^the custom headers take 18\d\d\d bytes/);
  });
});

describe('the message limits', () => {
  it('estimates the encoded size from above, and refuses past 5 MiB with a 413', () => {
    const attachment = {
      filename: 'a.bin',
      type: 'application/octet-stream',
      disposition: 'attachment' as const,
      content: new Uint8Array(3 * 1024 * 1024),
    };
    const estimate = estimateEncodedBytes(draft({ attachments: [attachment] }));
    // 3 MiB as base64 is 4 MiB, plus CRLF every 76 characters.
    expect(estimate).toBeGreaterThan(4 * 1024 * 1024 * (78 / 76));
    expect(estimate).toBeLessThan(4 * 1024 * 1024 * (78 / 76) + 8 * 1024);
    expect(checkDraftLimits(draft({ attachments: [attachment] }))).toBeNull();
    const big = { ...attachment, content: new Uint8Array(4 * 1024 * 1024) };
    expect(checkDraftLimits(draft({ attachments: [big] }))).toMatchObject({ status: 413, field: 'attachments' });
  });

  it('counts To, Cc and Bcc together against the 50 recipients', () => {
    const people = (n: number, tag: string) =>
      Array.from({ length: n }, (_, index) => ({ address: `${tag}${index}@customer.example` }));
    expect(checkDraftLimits(draft({ to: people(20, 't'), cc: people(20, 'c'), bcc: people(10, 'b') }))).toBeNull();
    expect(checkDraftLimits(draft({ to: people(20, 't'), cc: people(20, 'c'), bcc: people(11, 'b') }))).toMatchObject({
      status: 400,
      field: 'to',
    });
  });

  it('counts the subject in characters, not bytes, and refuses a line break in it', () => {
    expect(checkDraftLimits(draft({ subject: 'é'.repeat(998) }))).toBeNull();
    expect(checkDraftLimits(draft({ subject: 'é'.repeat(999) }))).toMatchObject({ field: 'subject' });
    expect(checkDraftLimits(draft({ subject: 'Quote\r\nBcc: x@y.example' }))).toMatchObject({ field: 'subject' });
  });
});
