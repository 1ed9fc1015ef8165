// Domains: every alias domain of the gateway, each with its DNS report (MX, SPF, DKIM, DMARC…) check by check.
import { DataTable } from './data-table.tsx';
import type { ApiClient } from '../gateway/api-client.ts';
import { formatTime } from './format.ts';
import { LoadedView, StatusBadge } from './notices.tsx';
import { useLoader } from './use-loader.ts';

type DomainsClient = Pick<ApiClient, 'listDomains' | 'getDomainReport'>;

function DomainReportCard({ client, name }: { client: DomainsClient; name: string }) {
  const [report, reload] = useLoader(() => client.getDomainReport(name), [client, name]);
  return (
    <LoadedView state={report} what={`the DNS report of ${name}`} onRetry={reload}>
      {(data) => (
        <>
          <p class="report-summary">
            DNS status <StatusBadge status={data.status} />{' '}
            <span class="muted">checked {formatTime(data.checkedAt)}</span>{' '}
            <button type="button" class="button-link" onClick={reload}>
              Check again
            </button>
          </p>
          <DataTable caption={<>DNS checks of {name}</>} columns={['Check', 'Status', 'Found', 'Expected', 'Why']}>
            {data.findings.map((finding, index) => (
              <tr key={`${finding.check}-${index}`} data-check={finding.check} data-status={finding.status}>
                <th scope="row">{finding.check}</th>
                <td>
                  <StatusBadge status={finding.status} />
                </td>
                <td class="mono">{finding.found ?? '—'}</td>
                <td class="mono">{finding.expected ?? '—'}</td>
                <td>{finding.why}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </LoadedView>
  );
}

export function DomainsView({ client }: { client: DomainsClient }) {
  const [domains, reload] = useLoader(() => client.listDomains(), [client]);
  return (
    <section aria-labelledby="domains-title">
      <h2 id="domains-title">Domains</h2>
      <LoadedView state={domains} what="the domains" onRetry={reload}>
        {(items) =>
          items.length === 0 ? (
            <p class="empty">No domain yet: add one with POST /api/domains.</p>
          ) : (
            items.map((domain) => (
              <article key={domain.id} class="card" data-domain={domain.name} aria-labelledby={`domain-${domain.id}`}>
                <h3 id={`domain-${domain.id}`}>{domain.name}</h3>
                <p class="muted">
                  catchall <span class="mono">{domain.catchall}@</span> · bounce{' '}
                  <span class="mono">{domain.bounce}@</span> · added {formatTime(domain.createdAt)}
                </p>
                <DomainReportCard client={client} name={domain.name} />
              </article>
            ))
          )
        }
      </LoadedView>
    </section>
  );
}
