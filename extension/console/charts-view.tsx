// Charts: mail received per day (bounces drawn over it) and the bounce rate, over the last 30 days.
import { useState } from 'preact/hooks';
import type { StatsDay } from '../../shared/api/stats.ts';
import type { ApiClient } from '../gateway/api-client.ts';
import { BarChart, LineChart } from './chart-svg.tsx';
import type { ChartDatum } from './charts.ts';
import { formatPercent } from './format.ts';
import { LoadedView } from './notices.tsx';
import { useLoader } from './use-loader.ts';

type ChartsClient = Pick<ApiClient, 'listDomains' | 'getStats'>;

export const CHART_DAYS = 30;

/** Bounces as a share of the mail received that day; no mail, no rate (null: the line breaks, it does not drop to 0). */
export function bounceRateSeries(series: StatsDay[]): ChartDatum[] {
  return series.map((day) => ({ label: day.date, value: day.inbound > 0 ? (day.bounces / day.inbound) * 100 : null }));
}

function percentLabel(value: number): string {
  return formatPercent(value / 100);
}

export function ChartsView({ client }: { client: ChartsClient }) {
  // A domain-scoped token may not list domains: it then sees its own domain only, which the API picks by itself.
  const [domains] = useLoader(() => client.listDomains().catch(() => []), [client]);
  const [domain, setDomain] = useState('');
  const [stats, reload] = useLoader(
    () => client.getStats({ days: CHART_DAYS, ...(domain ? { domain } : {}) }),
    [client, domain],
  );
  return (
    <section aria-labelledby="charts-title">
      <h2 id="charts-title">Charts</h2>
      <form class="toolbar" aria-label="Choose the domain" onSubmit={(event) => event.preventDefault()}>
        <label for="charts-domain">Domain</label>
        <select id="charts-domain" value={domain} onChange={(event) => setDomain(event.currentTarget.value)}>
          <option value="">all domains</option>
          {domains.status === 'ready' &&
            domains.data.map((item) => (
              <option key={item.id} value={item.name}>
                {item.name}
              </option>
            ))}
        </select>
      </form>
      <LoadedView state={stats} what="the statistics" onRetry={reload}>
        {(data) => {
          const received = data.series.reduce((sum, day) => sum + day.inbound, 0);
          const bounced = data.series.reduce((sum, day) => sum + day.bounces, 0);
          const complaints = data.series.reduce((sum, day) => sum + day.complaints, 0);
          return (
            <>
              <p class="chart-summary" data-testid="charts-summary">
                Last {data.days} days{data.domain ? ` for ${data.domain}` : ''}: <strong>{received}</strong> message
                {received === 1 ? '' : 's'} received, <strong>{bounced}</strong> bounce{bounced === 1 ? '' : 's'}
                {received > 0 ? ` (${formatPercent(bounced / received)})` : ''}, <strong>{complaints}</strong> complaint
                {complaints === 1 ? '' : 's'}.
              </p>
              <div class="charts">
                <figure class="card">
                  <figcaption>
                    Mail received per day <span class="legend legend-all">all mail</span>{' '}
                    <span class="legend legend-bounces">bounces</span>
                  </figcaption>
                  <BarChart
                    title={`Mail received per day, last ${data.days} days`}
                    data={data.series.map((day) => ({ label: day.date, value: day.inbound }))}
                    overlay={data.series.map((day) => ({ label: day.date, value: day.bounces }))}
                  />
                </figure>
                <figure class="card">
                  <figcaption>Bounce rate (bounces ÷ mail received that day)</figcaption>
                  <LineChart
                    title={`Bounce rate per day, last ${data.days} days`}
                    data={bounceRateSeries(data.series)}
                    formatValue={percentLabel}
                    minTop={10}
                  />
                </figure>
              </div>
              <details>
                <summary>The numbers</summary>
                <table class="data-table compact">
                  <caption class="visually-hidden">Mail per day</caption>
                  <thead>
                    <tr>
                      <th scope="col">Day (UTC)</th>
                      <th scope="col">Received</th>
                      <th scope="col">Bounces</th>
                      <th scope="col">Complaints</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.series.map((day) => (
                      <tr key={day.date}>
                        <th scope="row">{day.date}</th>
                        <td class="numeric">{day.inbound}</td>
                        <td class="numeric">{day.bounces}</td>
                        <td class="numeric">{day.complaints}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
