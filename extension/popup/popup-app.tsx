// The popup's root, as a UI: the domain (link, registrar page, gateway, typed), the expectations (gateway or the
// sender picker, remembered per domain), the checklist with what the page already holds, filling, and re-checking
// with backoff until the records pass. The state lives in its hooks: usePopupContext, useDomainSelection,
// useExpectationChoice, useRecheck and usePageActions.
import type { DnsRecord, DomainReport } from '../../shared/api/dns.ts';
import { isScriptablePage } from './active-page.ts';
import { Checklist } from './checklist.tsx';
import { DomainBar } from './domain-bar.tsx';
import { comparePageWithDns, pageCoversDomain } from './page-vs-dns.ts';
import { PagePanel, type PagePanelState } from './page-panel.tsx';
import { usePopupContext } from './popup-context.ts';
import type { PopupServices } from './popup-services.ts';
import { RecheckBar } from './recheck-bar.tsx';
import { allRecordsPass } from './recheck-schedule.ts';
import { SenderPicker } from './sender-picker.tsx';
import { useDomainSelection } from './use-domain-selection.ts';
import { useExpectationChoice } from './use-expectation-choice.ts';
import { usePageActions } from './use-page-actions.ts';
import { useRecheck } from './use-recheck.ts';

export type PopupAppProps = {
  /** From `?domain=` (readDomainParam): checked first, whatever the page shows. */
  domain: string | null;
  services: PopupServices;
};

function summarize(report: DomainReport): string {
  const fails = report.findings.filter((finding) => finding.status === 'fail').length;
  const warns = report.findings.filter((finding) => finding.status === 'warn').length;
  if (fails === 0 && warns === 0) return 'All good';
  return [fails > 0 ? `${fails} failing` : '', warns > 0 ? `${warns} warning${warns === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' · ');
}

export function PopupApp({ domain: paramDomain, services }: PopupAppProps) {
  const { context, store } = usePopupContext(services);
  const { selection, domain, viaGateway, pickGatewayDomain, typeDomain } = useDomainSelection(
    paramDomain,
    context,
    services,
  );
  const choice = useExpectationChoice(domain, viaGateway, services);
  const checks = useRecheck(
    domain && choice.effective ? { domain, choice: choice.effective, viaGateway } : null,
    services,
    store.rereadPage,
  );
  const actions = usePageActions({ store, services, domain, onFilled: checks.watch });

  const tab = context?.tab ?? null;
  const reading = context?.reading ?? null;
  const canFill = !!tab && isScriptablePage(tab.url);
  const pageName = reading?.knownRegistrar ? reading.adapterName : 'registrar';
  const pagePanel: PagePanelState = !tab
    ? { kind: 'none' }
    : reading
      ? { kind: 'read', reading, coversDomain: !!domain && pageCoversDomain(reading.zone, domain) }
      : isScriptablePage(tab.url)
        ? { kind: 'unread', busy: actions.busy, problem: actions.problem }
        : { kind: 'none' };

  const reportState = checks.report;
  const report = reportState.kind === 'done' ? reportState.loaded.report : null;
  const pageStates =
    report && reading && domain && pageCoversDomain(reading.zone, domain)
      ? comparePageWithDns(report.findings, reading.records, domain)
      : [];
  const waitingOnPage = pageStates.filter((state) => state !== null).length;

  return (
    <main class="mailgate-popup">
      <header class="top">
        <h1>mailgate</h1>
        {report && (
          <span class={`summary summary-${report.status}`} data-summary-status={report.status}>
            {summarize(report)}
          </span>
        )}
      </header>
      {!selection ? (
        <p class="loading" role="status">
          Looking at this tab…
        </p>
      ) : (
        <DomainBar
          selection={selection}
          page={reading}
          onPickGatewayDomain={pickGatewayDomain}
          onTypeDomain={typeDomain}
        />
      )}
      {context?.gatewayProblem && <p class="notice notice-warn">{context.gatewayProblem}</p>}
      <PagePanel
        state={pagePanel}
        onReadPage={() => void actions.readPage()}
        onShowOdooOverlay={() => void actions.showOdooOverlay()}
      />
      {domain && choice.current && choice.effective && (
        <SenderPicker
          key={domain}
          choice={choice.effective}
          open={!choice.current.stored && !viaGateway}
          onChange={choice.change}
          {...(viaGateway
            ? { receiverFixedBy: 'Expected by your mailgate gateway: mail arrives through Cloudflare Email Routing.' }
            : {})}
        />
      )}
      {actions.notice && (
        <p class="notice" role="status" data-testid="notice">
          {actions.notice}
        </p>
      )}
      {reportState.kind === 'loading' && (
        <p class="loading" role="status">
          Checking DNS…
        </p>
      )}
      {reportState.kind === 'error' && (
        <p class="notice notice-fail" role="alert">
          The check failed: {reportState.message}
        </p>
      )}
      {report && reportState.kind === 'done' && (
        <>
          <RecheckBar
            state={checks.recheck}
            now={checks.now}
            passes={allRecordsPass(report)}
            onWatch={checks.watch}
            onStop={checks.stop}
          />
          {waitingOnPage > 0 && (
            <p class="notice notice-info" data-testid="page-waiting">
              {waitingOnPage === 1 ? 'One change is' : `${waitingOnPage} changes are`} on the {pageName} page but not in
              DNS yet.
            </p>
          )}
          <Checklist
            report={report}
            onCopy={actions.copy}
            pageStates={pageStates}
            pageName={pageName}
            {...(canFill ? { onFill: (record: DnsRecord) => void actions.fill(record) } : {})}
          />
          <p class="checked-by">
            Checked{' '}
            {reportState.loaded.checkedBy === 'gateway'
              ? 'by your mailgate gateway'
              : 'from this browser over DNS-over-HTTPS'}{' '}
            at {new Date(report.checkedAt).toLocaleTimeString()}.
          </p>
          {reportState.loaded.notice && <p class="notice notice-warn">{reportState.loaded.notice}</p>}
        </>
      )}
    </main>
  );
}
