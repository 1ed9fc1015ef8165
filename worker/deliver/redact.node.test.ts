// Tests of the delivery log's redaction: short snippets, credentials masked whatever their shape.
import { describe, expect, it } from 'vitest';
import { redactForLog, SNIPPET_CHARS } from './redact.ts';

describe('redactForLog', () => {
  it('keeps a plain error answer as it is', () => {
    expect(redactForLog('{"error":"database is locked, try again"}')).toBe('{"error":"database is locked, try again"}');
  });

  it('masks the values of credential-named fields in JSON, forms and headers', () => {
    const text = [
      '{"SecretAccessKey":"abc/def+ghi","Token":"t1","password":"hunter2","api_key":"k"}',
      'session_id=xyz&user=ann',
      'Authorization: Basic YW5uOnNlY3JldA==',
      "x-api-key: 'short'",
    ].join(' | ');
    const redacted = redactForLog(text, [], 1000);
    for (const secret of ['abc/def+ghi', '"t1"', 'hunter2', '"k"', 'xyz', 'YW5uOnNlY3JldA', "'short'"]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('user=ann');
    expect(redacted).toContain('"SecretAccessKey":"[redacted]"');
  });

  it('masks bearer tokens, webhook secrets, PEM blocks and long opaque strings, not UUIDs', () => {
    const uuid = '0f7c2f58-8f5c-4a3b-9b1e-2a1e1d2c3b4a';
    const text = `Bearer abc.def.ghi whsec_MDEyMzQ1Njc4OWFi -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- request ${uuid} key eyJhbGciOiJIUzI1NiJ9x1234567890abcdefABCDEF`;
    const redacted = redactForLog(text, [], 1000);
    expect(redacted).not.toMatch(/abc\.def|MDEyMzQ1|MIIE|eyJhbGci/);
    expect(redacted).toContain(uuid);
  });

  it('masks the secrets it is told about wherever they appear', () => {
    expect(redactForLog('echo: my-odoo-key-123 end', ['my-odoo-key-123'])).toBe('echo: [redacted] end');
  });

  it('keeps at most SNIPPET_CHARS characters, on one line, after masking', () => {
    const secret = 'p'.repeat(10);
    const long = `${'a'.repeat(SNIPPET_CHARS - 5)} password=${secret}\r\nnext line`;
    const redacted = redactForLog(long);
    expect(redacted.length).toBeLessThanOrEqual(SNIPPET_CHARS);
    expect(redacted).not.toContain('ppp');
    expect(redacted).not.toMatch(/[\r\n]/);
  });
});
