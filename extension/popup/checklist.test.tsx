// The checklist renders each finding with the contract's attributes and offers the fix of failing ones.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { Checklist, formatFixLine } from './checklist.tsx';

afterEach(cleanup);

const spfFix = {
  type: 'TXT',
  name: 'example.com',
  value: 'v=spf1 include:_spf.mx.cloudflare.net ~all',
  ttl: 3600,
} as const;
const report: DomainReport = {
  domain: 'example.com',
  checkedAt: '2026-01-01T00:00:00.000Z',
  status: 'fail',
  findings: [
    {
      check: 'mx',
      status: 'ok',
      found: 'route1.mx.cloudflare.net',
      expected: 'route1.mx.cloudflare.net',
      why: 'Mail for the domain reaches Cloudflare.',
    },
    {
      check: 'spf',
      status: 'fail',
      found: null,
      expected: spfFix.value,
      fix: { action: 'add', record: spfFix },
      why: 'No SPF record (RFC 7208 4.5).',
    },
  ],
};

describe('Checklist', () => {
  it('marks every check with data-check and data-status', () => {
    const { container } = render(<Checklist report={report} onCopy={() => {}} />);
    const items = Array.from(container.querySelectorAll('[data-check]')).map((el) => [
      el.getAttribute('data-check'),
      el.getAttribute('data-status'),
    ]);
    expect(items).toEqual([
      ['mx', 'ok'],
      ['spf', 'fail'],
    ]);
  });

  it('offers copy and fill for the failing item only', () => {
    const onCopy = vi.fn();
    const onFill = vi.fn();
    render(<Checklist report={report} onCopy={onCopy} onFill={onFill} />);
    expect(screen.getAllByRole('button', { name: 'Copy' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Fill on this page' }));
    expect(onCopy).toHaveBeenCalledWith(spfFix.value);
    expect(onFill).toHaveBeenCalledWith(spfFix);
  });

  it('shows found, expected and why, and labels every status with a word, not colour alone', () => {
    const { container } = render(<Checklist report={report} onCopy={() => {}} />);
    const spf = container.querySelector('[data-check="spf"]')!;
    expect(spf.querySelector('.badge')?.textContent).toBe('Fails');
    expect(container.querySelector('[data-check="mx"] .badge')?.textContent).toBe('OK');
    expect(spf.querySelector('.why')?.textContent).toBe('No SPF record (RFC 7208 4.5).');
    expect(spf.querySelector('.expected code')?.textContent).toBe(spfFix.value);
    expect(spf.querySelector('.found')).toBeNull();
  });

  it('never offers to fill a record that must be deleted', () => {
    const deletion: DomainReport = {
      ...report,
      findings: [
        {
          check: 'mx',
          status: 'fail',
          found: 'mx.oldhost.example',
          expected: null,
          why: 'An old host receives mail.',
          fix: {
            action: 'delete',
            record: { type: 'MX', name: 'example.com', value: 'mx.oldhost.example', ttl: 3600, priority: 10 },
          },
        },
      ],
    };
    render(<Checklist report={deletion} onCopy={() => {}} onFill={() => {}} />);
    expect(screen.getByText('Delete this record:')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Fill on this page' })).toBeNull();
  });

  it('shows a long DKIM key split into 255-character strings, with its own copy button', () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(380)}`;
    const dkim: DomainReport = {
      ...report,
      findings: [
        {
          check: 'dkim',
          status: 'fail',
          found: null,
          expected: 'a key',
          why: 'No key.',
          fix: { action: 'add', record: { type: 'TXT', name: 's1._domainkey.example.com', value: key, ttl: 3600 } },
        },
      ],
    };
    const onCopy = vi.fn();
    const { container } = render(<Checklist report={dkim} onCopy={onCopy} />);
    const split = container.querySelector('.record-split')?.textContent ?? '';
    expect(split).toBe(`"${key.slice(0, 255)}" "${key.slice(255)}"`);
    fireEvent.click(screen.getByRole('button', { name: 'Copy split' }));
    expect(onCopy).toHaveBeenCalledWith(split);
  });

  it('folds optional records into a details element, still marked with data-check', () => {
    const withOptional: DomainReport = {
      ...report,
      findings: [
        ...report.findings,
        {
          check: 'srv.submission',
          status: 'info',
          found: null,
          expected: '_submission._tcp.example.com',
          why: 'Optional: lets mail clients find the server.',
        },
      ],
    };
    const { container } = render(<Checklist report={withOptional} onCopy={() => {}} />);
    expect(container.querySelector('details.optional [data-check="srv.submission"]')?.getAttribute('data-status')).toBe(
      'info',
    );
    expect(container.querySelector('details.optional summary')?.textContent).toBe('Optional records and notes (1)');
  });

  it('says when the fix is already on the registrar page but not in DNS yet', () => {
    const { container } = render(
      <Checklist report={report} onCopy={() => {}} pageStates={[null, 'on-page-not-in-dns']} pageName="Cloudflare" />,
    );
    expect(container.querySelector('[data-check="spf"] [data-page-state]')?.textContent).toBe(
      'On the Cloudflare page, not in DNS yet: it was saved and is still on its way.',
    );
    expect(container.querySelector('[data-check="mx"] [data-page-state]')).toBeNull();
  });

  it('formats a fix as a zone-file line', () => {
    expect(formatFixLine({ type: 'MX', name: 'example.com', value: 'mx.example.net', ttl: 300, priority: 5 })).toBe(
      'example.com 300 IN MX 5 mx.example.net',
    );
  });
});
