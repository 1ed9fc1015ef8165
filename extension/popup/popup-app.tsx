// The popup's root component: a header, the domain being checked, and its checklist once the report is in.
import { useEffect, useState } from 'preact/hooks';
import type { DnsRecord, DomainReport } from '../../shared/api/dns.ts';
import { Checklist } from './checklist.tsx';

export type PopupAppProps = {
  domain: string | null;
  /** Produces the domain's report (the popup entry passes checkDomain over DNS-over-HTTPS). */
  loadReport?: (domain: string) => Promise<DomainReport>;
  onCopy?: (text: string) => void;
  onFill?: (record: DnsRecord) => void;
};

type ReportState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; report: DomainReport } | { kind: 'error'; message: string };

export function PopupApp({ domain, loadReport, onCopy = () => {}, onFill }: PopupAppProps) {
  const [state, setState] = useState<ReportState>({ kind: 'idle' });
  useEffect(() => {
    if (!domain || !loadReport) return;
    setState({ kind: 'loading' });
    loadReport(domain).then(
      (report) => setState({ kind: 'done', report }),
      (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [domain, loadReport]);
  return (
    <main class="mailgate-popup">
      <header>
        <h1>mailgate</h1>
        <p data-testid="domain">{domain ?? 'No domain selected'}</p>
      </header>
      {state.kind === 'loading' && <p role="status">Checking DNS…</p>}
      {state.kind === 'error' && <p role="alert">The check failed: {state.message}</p>}
      {state.kind === 'done' && <Checklist report={state.report} onCopy={onCopy} {...(onFill ? { onFill } : {})} />}
    </main>
  );
}
