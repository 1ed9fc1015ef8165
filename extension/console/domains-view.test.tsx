// Domains view: each domain with its DNS report, check by check; loading and error states.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainsView } from './domains-view.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { domainJson, domainReport } from './testing/fixtures.ts';

afterEach(cleanup);

describe('DomainsView', () => {
  it('shows every domain with the status of each DNS check', async () => {
    const client = createFakeClient({
      listDomains: async () => [domainJson('example.com'), domainJson('other.example')],
      getDomainReport: async (name) => domainReport(name),
    });
    const { container } = render(<DomainsView client={client} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the domains…');
    const card = await screen.findByRole('article', { name: 'example.com' });
    await waitFor(() => expect(card.querySelector('[data-check="dmarc"]')).not.toBeNull());
    expect(client.getDomainReport.mock.calls.map(([name]) => name)).toEqual(['example.com', 'other.example']);
    const dmarc = card.querySelector('[data-check="dmarc"]')!;
    expect(dmarc.getAttribute('data-status')).toBe('fail');
    expect(within(dmarc as HTMLElement).getByText('v=DMARC1; p=none')).toBeTruthy();
    expect(card.querySelector('[data-check="mx"]')!.getAttribute('data-status')).toBe('ok');
    expect(within(card).getByRole('columnheader', { name: 'Why' })).toBeTruthy();
    expect(container.querySelectorAll('[data-domain]')).toHaveLength(2);
  });

  it("shows a report's error in its domain and retries on demand", async () => {
    let calls = 0;
    const client = createFakeClient({
      listDomains: async () => [domainJson('example.com')],
      getDomainReport: async (name) => {
        calls += 1;
        if (calls === 1) throw new Error('DNS-over-HTTPS timed out');
        return domainReport(name);
      },
    });
    render(<DomainsView client={client} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the DNS report of example.com: DNS-over-HTTPS timed out');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(document.querySelector('[data-check="mx"]')).not.toBeNull());
    expect(client.getDomainReport).toHaveBeenCalledTimes(2);
  });

  it('says when the domain list cannot be loaded', async () => {
    const client = createFakeClient({
      listDomains: async () => {
        throw new Error('the API token is unknown or revoked (GET /api/domains: 401 invalid_token)');
      },
    });
    render(<DomainsView client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not load the domains: the API token is unknown or revoked',
    );
  });
});
