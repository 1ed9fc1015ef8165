import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { domainReportSchema } from '../../shared/api/dns.ts';
import { UsageError } from '../io.ts';
import { captureStdout } from '../testing/capture-output.ts';
import { command, parseExpectations } from './check-domain.ts';

const ZONE = fileURLToPath(new URL('../../shared/dns/fixtures/broken-domain.zone.json', import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseExpectations', () => {
  it('reads every key, lists and repeats', () => {
    expect(
      parseExpectations([
        'receiver=cloudflare',
        'sender=odoo,google',
        'sender=mailgun',
        'dkim=mg',
        'mx=mail.example.com',
        'spf=ip4:192.0.2.1',
        'dmarc=reject',
        'rua=d@example.com',
      ]),
    ).toEqual({
      receiver: 'cloudflare',
      senders: ['odoo', 'google', 'mailgun'],
      mx: ['mail.example.com'],
      spf: ['ip4:192.0.2.1'],
      dkimSelectors: ['mg'],
      dmarc: { policy: 'reject', rua: 'mailto:d@example.com' },
    });
  });

  it('rejects unknown keys and policies as usage errors', () => {
    expect(() => parseExpectations(['colour=blue'])).toThrow(UsageError);
    expect(() => parseExpectations(['dmarc=strict'])).toThrow(UsageError);
  });
});

describe('mailgate check-domain', () => {
  it('prints one DomainReport line for a zone file', async () => {
    const lines = captureStdout();
    const exitCode = await command.run(['example.com', '--zone', ZONE, '--expect', 'sender=odoo']);
    expect(exitCode).toBe(0);
    expect(lines).toHaveLength(1);
    const report = domainReportSchema.parse(JSON.parse(lines[0] ?? ''));
    expect(report.domain).toBe('example.com');
    expect(report.status).toBe('fail');
    expect(report.findings.some((finding) => finding.check === 'mx' && finding.found === '5 mx.oldhost.example')).toBe(
      true,
    );
  });

  it('answers an unreadable zone file with an error line and exit 1, and bad usage with UsageError', async () => {
    const lines = captureStdout();
    expect(await command.run(['example.com', '--zone', '/nonexistent/zone.json'])).toBe(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      domain: 'example.com',
      error: expect.stringContaining('zone.json'),
    });
    await expect(command.run([])).rejects.toBeInstanceOf(UsageError);
  });
});
