// The checklist renders each finding with the contract's attributes and offers the fix of failing ones.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { Checklist, formatFixLine } from './checklist.tsx';

afterEach(cleanup);

const spfFix = { type: 'TXT', name: 'example.com', value: 'v=spf1 include:_spf.mx.cloudflare.net ~all', ttl: 3600 } as const;
const report: DomainReport = {
  domain: 'example.com',
  checkedAt: '2026-01-01T00:00:00.000Z',
  status: 'fail',
  findings: [
    { check: 'mx', status: 'ok', found: 'route1.mx.cloudflare.net', expected: 'route1.mx.cloudflare.net', why: 'Mail for the domain reaches Cloudflare.' },
    { check: 'spf', status: 'fail', found: null, expected: spfFix.value, fix: { action: 'add', record: spfFix }, why: 'No SPF record (RFC 7208 4.5).' },
  ],
};

describe('Checklist', () => {
  it('marks every check with data-check and data-status', () => {
    const { container } = render(<Checklist report={report} onCopy={() => {}} />);
    const items = Array.from(container.querySelectorAll('[data-check]')).map((el) => [el.getAttribute('data-check'), el.getAttribute('data-status')]);
    expect(items).toEqual([['mx', 'ok'], ['spf', 'fail']]);
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

  it('formats a fix as a zone-file line', () => {
    expect(formatFixLine({ type: 'MX', name: 'example.com', value: 'mx.example.net', ttl: 300, priority: 5 })).toBe('example.com 300 IN MX 5 mx.example.net');
  });
});
