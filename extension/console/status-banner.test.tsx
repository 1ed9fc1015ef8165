// Status banner: open alerts and failing components from GET /health/deep; silent when all is well or unreadable.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeepHealth } from '../../shared/api/health.ts';
import { StatusBanner } from './status-banner.tsx';

afterEach(cleanup);

function health(overrides: Partial<DeepHealth> = {}): DeepHealth {
  return {
    ok: true,
    checkedAt: '2026-11-21T10:00:00.000Z',
    checks: { d1: { ok: true, ms: 3 }, r2: { ok: true, ms: 12 }, queue: { ok: true, ms: 4 } },
    deliveries: { backlog: 0, dead: 0, undispatchedEvents: 0 },
    inbound: { failedLastDay: 0, oldestUnfinished: null },
    domains: [{ name: 'example.com', lastReceivedAt: '2026-11-21T09:58:00.000Z', silenceAlertMinutes: 1440 }],
    alerts: [],
    ...overrides,
  };
}

describe('StatusBanner', () => {
  it('lists the components that do not answer and every open alert', async () => {
    const loadHealth = vi.fn(async () =>
      health({
        ok: false,
        checks: {
          d1: { ok: true, ms: 3 },
          r2: { ok: false, ms: 30, error: 'bucket unavailable' },
          queue: { ok: true, ms: 4 },
        },
        alerts: [
          {
            id: 'alr_1',
            kind: 'silence',
            domain: 'example.com',
            message: 'No mail received for example.com for 26 h (window 24 h).',
            details: {},
            raisedAt: '2026-11-21T09:00:00.000Z',
          },
        ],
      }),
    );
    render(<StatusBanner loadHealth={loadHealth} />);
    const banner = await screen.findByTestId('status-banner');
    expect([...banner.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Mail storage (R2) is not answering: bucket unavailable.',
      'No mail received for example.com for 26 h (window 24 h).',
    ]);
    expect(banner.getAttribute('role')).toBe('alert');
  });

  it('shows nothing when all is well, or when the health cannot be read', async () => {
    const healthy = vi.fn(async () => health());
    const { container } = render(<StatusBanner loadHealth={healthy} />);
    await waitFor(() => expect(healthy).toHaveBeenCalled());
    expect(container.innerHTML).toBe('');
    cleanup();
    const refused = vi.fn(async () => {
      throw new Error('403 forbidden');
    });
    const second = render(<StatusBanner loadHealth={refused} />);
    await waitFor(() => expect(refused).toHaveBeenCalled());
    expect(second.container.innerHTML).toBe('');
  });

  it('clears itself on the next refresh once the alert is resolved', async () => {
    let answer = health({
      ok: false,
      alerts: [
        {
          id: 'a',
          kind: 'backlog',
          domain: null,
          message: '150 deliveries to the ERP are waiting.',
          details: {},
          raisedAt: '2026-11-21T09:00:00.000Z',
        },
      ],
    });
    const loadHealth = vi.fn(async () => answer);
    render(<StatusBanner loadHealth={loadHealth} refreshMs={20} />);
    await screen.findByTestId('status-banner');
    answer = health();
    await waitFor(() => expect(screen.queryByTestId('status-banner')).toBeNull());
  });
});
