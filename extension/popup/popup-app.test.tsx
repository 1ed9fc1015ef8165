// The popup renders its header and the domain it was opened for.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { readDomainParam } from './domain-param.ts';
import { PopupApp } from './popup-app.tsx';

afterEach(cleanup);

describe('PopupApp', () => {
  it('shows the header and the domain from ?domain=', () => {
    render(<PopupApp domain={readDomainParam('?domain=Example.COM.')} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('mailgate');
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
  });

  it('says so when no domain is given', () => {
    render(<PopupApp domain={readDomainParam('?domain=not a domain')} />);
    expect(screen.getByTestId('domain').textContent).toBe('No domain selected');
  });

  it('loads the report for the domain and shows the checklist', async () => {
    const loadReport = async (domain: string) => ({
      domain,
      checkedAt: '2026-01-01T00:00:00.000Z',
      status: 'warn' as const,
      findings: [{ check: 'dmarc', status: 'warn' as const, found: 'v=DMARC1; p=none', expected: null, why: 'p=none only monitors.' }],
    });
    const { container } = render(<PopupApp domain="example.com" loadReport={loadReport} />);
    await waitFor(() => expect(container.querySelector('[data-check="dmarc"]')?.getAttribute('data-status')).toBe('warn'));
  });
});
