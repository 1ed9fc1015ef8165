// Charts view: the stats of the chosen domain drawn as inline SVG bars and a bounce-rate line, with the numbers.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { bounceRateSeries, ChartsView } from './charts-view.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { domainJson, statsDays } from './testing/fixtures.ts';

afterEach(cleanup);

/** Thirty days; mail on the last three: 4 (1 bounce), 0, 10 (5 bounces). */
const series = statsDays([...Array.from({ length: 27 }, () => [0, 0] as [number, number]), [4, 1], [0, 0], [10, 5]]);

describe('ChartsView', () => {
  it('draws a bar per day and the bounce rate of the days with mail', async () => {
    const client = createFakeClient({
      listDomains: async () => [domainJson('example.com')],
      getStats: async (query = {}) => ({ domain: query.domain ?? null, days: 30, series }),
    });
    const { container } = render(<ChartsView client={client} />);
    await waitFor(() => expect(container.querySelector('svg[data-chart="bars"]')).not.toBeNull());
    expect(client.getStats).toHaveBeenCalledWith({ days: 30 });
    expect(screen.getByTestId('charts-summary').textContent).toBe(
      'Last 30 days: 14 messages received, 6 bounces (43%), 0 complaints.',
    );

    const bars = container.querySelectorAll('svg[data-chart="bars"] rect.chart-bar');
    expect(bars).toHaveLength(30);
    // Axis top 10 (the largest day), plot 162 px high from y 12: ten messages reach the top, four reach 40 %.
    expect(bars[29]!.getAttribute('height')).toBe('162');
    expect(bars[29]!.getAttribute('y')).toBe('12');
    expect(bars[27]!.getAttribute('height')).toBe('64.8');
    expect(bars[28]!.getAttribute('height')).toBe('0');
    const overlay = container.querySelectorAll('svg[data-chart="bars"] rect.chart-bar-overlay');
    expect(overlay[29]!.getAttribute('height')).toBe('81');

    const points = container.querySelectorAll('svg[data-chart="line"] circle');
    expect([...points].map((point) => point.getAttribute('data-value'))).toEqual(['25', '50']);
    expect(container.querySelector('svg[data-chart="line"] path')!.getAttribute('d')).toMatch(
      /^M [\d.]+ [\d.]+ M [\d.]+ [\d.]+$/,
    );
    expect(container.querySelector('svg[data-chart="bars"]')!.getAttribute('aria-label')).toBe(
      'Mail received per day, last 30 days',
    );
  });

  it('asks for the chosen domain', async () => {
    const client = createFakeClient({
      listDomains: async () => [domainJson('example.com')],
      getStats: async (query = {}) => ({ domain: query.domain ?? null, days: 30, series }),
    });
    render(<ChartsView client={client} />);
    await screen.findByRole('option', { name: 'example.com' });
    fireEvent.change(screen.getByLabelText('Domain'), { target: { value: 'example.com' } });
    await waitFor(() => expect(client.getStats).toHaveBeenLastCalledWith({ days: 30, domain: 'example.com' }));
    expect((await screen.findByTestId('charts-summary')).textContent).toContain('for example.com');
  });

  it('shows the error when the stats cannot be loaded', async () => {
    const client = createFakeClient({
      listDomains: async () => [],
      getStats: async () => {
        throw new Error('no route for GET /api/stats (GET /api/stats: 404 not_found)');
      },
    });
    render(<ChartsView client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not load the statistics: no route for GET /api/stats',
    );
  });

  it('leaves days without mail out of the bounce rate', () => {
    expect(
      bounceRateSeries(
        statsDays([
          [4, 1],
          [0, 0],
          [2, 2],
        ]),
      ).map((datum) => datum.value),
    ).toEqual([25, null, 100]);
  });
});
