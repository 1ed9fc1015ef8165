// The popup's root: picks the domain (link, registrar page, gateway, typed), the expectations (gateway or the
// sender picker, remembered per domain), shows the checklist with what the page already holds, fills, and
// re-checks with backoff until the records pass.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DnsRecord, DomainReport } from '../../shared/api/dns.ts';
import type { PageReading } from '../messages/read-page-message.ts';
import { isScriptablePage, type PageTab } from './active-page.ts';
import { Checklist } from './checklist.tsx';
import { DomainBar } from './domain-bar.tsx';
import { selectDomain, type DomainSelection } from './domain-source.ts';
import { DEFAULT_CHOICE, type ExpectationChoice } from './expectation-choice.ts';
import { comparePageWithDns, pageCoversDomain } from './page-vs-dns.ts';
import { PagePanel, type PagePanelState } from './page-panel.tsx';
import type { PopupServices } from './popup-services.ts';
import { RecheckBar } from './recheck-bar.tsx';
import { allRecordsPass, startRecheckSchedule, type RecheckSchedule, type RecheckState } from './recheck-schedule.ts';
import type { LoadedReport } from './report-loader.ts';
import { attemptsElapsed } from './watch-memory.ts';
import { SenderPicker } from './sender-picker.tsx';

export type PopupAppProps = {
  /** From `?domain=` (readDomainParam): checked first, whatever the page shows. */
  domain: string | null;
  services: PopupServices;
};

type PopupContext = {
  tab: PageTab | null;
  reading: PageReading | null;
  gatewayDomains: string[] | null;
  gatewayProblem: string | null;
  rememberedGatewayDomain: string | null;
};

type ReportState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; loaded: LoadedReport } | { kind: 'error'; message: string };

/** Mail to a gateway domain arrives through Cloudflare Email Routing: the gateway fixes the receiver. */
const GATEWAY_RECEIVER = 'cloudflare';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summarize(report: DomainReport): string {
  const fails = report.findings.filter((finding) => finding.status === 'fail').length;
  const warns = report.findings.filter((finding) => finding.status === 'warn').length;
  if (fails === 0 && warns === 0) return 'All good';
  return [fails > 0 ? `${fails} failing` : '', warns > 0 ? `${warns} warning${warns === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
}

async function gatherContext(services: PopupServices): Promise<PopupContext> {
  const pagePromise = (async () => {
    const tab = await services.findPageTab().catch(() => null);
    // Only asks a content script that is already there: injecting needs the admin's click.
    const reading = tab && isScriptablePage(tab.url) ? await services.readPage(tab.tabId, { inject: false }).catch(() => null) : null;
    return { tab, reading };
  })();
  const gatewayPromise = services.loadGatewayDomains().then(
    (domains) => ({ domains, problem: null }),
    (error: unknown) => ({ domains: null, problem: `Your mailgate gateway could not be reached: ${messageOf(error)}` }),
  );
  const [page, gateway, remembered] = await Promise.all([pagePromise, gatewayPromise, services.loadLastGatewayDomain().catch(() => null)]);
  return { ...page, gatewayDomains: gateway.domains, gatewayProblem: gateway.problem, rememberedGatewayDomain: remembered };
}

export function PopupApp({ domain: paramDomain, services }: PopupAppProps) {
  const [context, setContext] = useState<PopupContext | null>(null);
  const [chosen, setChosen] = useState<{ domain: string; source: 'gateway' | 'typed' } | null>(null);
  const [choice, setChoice] = useState<{ domain: string; value: ExpectationChoice; stored: boolean } | null>(null);
  const [reportState, setReportState] = useState<ReportState>({ kind: 'idle' });
  const [recheck, setRecheck] = useState<RecheckState | null>(null);
  const [now, setNow] = useState(() => services.timers.now());
  const [notice, setNotice] = useState<string | null>(null);
  const [pageBusy, setPageBusy] = useState(false);
  const [pageProblem, setPageProblem] = useState<string | null>(null);
  const scheduleRef = useRef<RecheckSchedule | null>(null);
  /** Numbers the checks: only the latest one's answer is shown, whatever order they finish in. */
  const requestRef = useRef(0);
  /** The latest context, for checks started by a timer long after the render that scheduled them. */
  const contextRef = useRef(context);
  contextRef.current = context;

  useEffect(() => {
    let live = true;
    void gatherContext(services).then((gathered) => live && setContext(gathered));
    return () => {
      live = false;
    };
  }, [services]);

  const selection: DomainSelection | null = useMemo(
    () =>
      context &&
      selectDomain({
        param: paramDomain,
        chosen,
        page: context.reading,
        gatewayDomains: context.gatewayDomains,
        rememberedGatewayDomain: context.rememberedGatewayDomain,
      }),
    [context, chosen, paramDomain],
  );
  const domain = selection?.domain ?? null;
  const viaGateway = !!domain && !!context?.gatewayDomains?.includes(domain);

  // The expectations stored for this domain (or the default), loaded whenever the domain changes.
  useEffect(() => {
    if (!domain) return;
    let live = true;
    void services.loadChoice(domain).then(
      (stored) => live && setChoice({ domain, value: stored ?? DEFAULT_CHOICE, stored: stored !== null }),
      () => live && setChoice({ domain, value: DEFAULT_CHOICE, stored: false }),
    );
    return () => {
      live = false;
    };
  }, [domain, services]);

  const currentChoice = choice && choice.domain === domain ? choice : null;
  const effectiveChoice = useMemo(
    () => currentChoice && (viaGateway ? { ...currentChoice.value, receiver: GATEWAY_RECEIVER } : currentChoice.value),
    [currentChoice, viaGateway],
  );
  const choiceKey = effectiveChoice ? JSON.stringify(effectiveChoice) : null;

  const runCheck = useCallback(async (): Promise<LoadedReport> => {
    if (!domain || !effectiveChoice) throw new Error('No domain to check.');
    const request = ++requestRef.current;
    const { tab = null, reading: previousReading = null } = contextRef.current ?? {};
    // The page may list new records since the last look (the admin saved one): read it again alongside DNS.
    const rereading =
      tab && previousReading ? services.readPage(tab.tabId, { inject: false }).catch(() => null) : Promise.resolve(null);
    const loaded = await services.loadReport({ domain, choice: effectiveChoice, viaGateway });
    const reading = await rereading;
    if (request === requestRef.current) {
      if (reading) setContext((previous) => previous && { ...previous, reading });
      setReportState({ kind: 'done', loaded });
    }
    return loaded;
    // choiceKey stands for effectiveChoice's content (a new object on every render of the same choice).
  }, [domain, choiceKey, viaGateway, services]);

  const stopWatching = useCallback(() => {
    scheduleRef.current?.stop();
    scheduleRef.current = null;
  }, []);

  // A new domain or new expectations: stop watching the old question, check the new one, and go on watching when
  // the admin was already waiting for this domain before the popup closed.
  useEffect(() => {
    if (!domain || !choiceKey) return;
    stopWatching();
    setRecheck(null);
    setReportState({ kind: 'loading' });
    const request = requestRef.current + 1;
    runCheck().then(
      async (loaded) => {
        if (request !== requestRef.current) return;
        if (allRecordsPass(loaded.report)) return void services.clearWatch(domain).catch(() => {});
        const startedAt = await services.loadWatch(domain, services.timers.now()).catch(() => null);
        if (startedAt !== null && request === requestRef.current) {
          startWatchingRef.current?.({ startAttempt: attemptsElapsed(services.timers.now() - startedAt) });
        }
      },
      (error: unknown) => {
        if (request === requestRef.current) setReportState({ kind: 'error', message: messageOf(error) });
      },
    );
    // Once per question (domain, expectations, checker), not per runCheck identity.
  }, [domain, choiceKey, viaGateway]);

  useEffect(() => stopWatching, [stopWatching]);

  // The countdown: one tick a second while a re-check is pending, driven by the injected timers (not by renders).
  const tickRef = useRef<unknown>(null);
  const stopTicking = useCallback(() => {
    if (tickRef.current !== null) services.timers.clearTimeout(tickRef.current);
    tickRef.current = null;
  }, [services]);
  const tick = useCallback(() => {
    setNow(services.timers.now());
    tickRef.current = services.timers.setTimeout(tick, 1000);
  }, [services]);

  /** Starts (or resumes, with `startAttempt`) re-checking; a fresh start is remembered for a reopened popup. */
  const startWatching = useCallback(
    (resume?: { startAttempt: number }) => {
      stopWatching();
      if (domain && !resume) void services.saveWatch(domain, services.timers.now()).catch(() => {});
      scheduleRef.current = startRecheckSchedule({
        timers: services.timers,
        check: async () => allRecordsPass((await runCheck()).report),
        startAttempt: resume?.startAttempt ?? 0,
        onState: (state) => {
          setRecheck(state);
          stopTicking();
          if (state.kind === 'waiting') tick();
          else setNow(services.timers.now());
          if ((state.kind === 'passed' || state.kind === 'gave-up') && domain) void services.clearWatch(domain).catch(() => {});
        },
      });
    },
    [domain, runCheck, services, stopWatching, stopTicking, tick],
  );
  const startWatchingRef = useRef(startWatching);
  startWatchingRef.current = startWatching;

  const changeChoice = (value: ExpectationChoice) => {
    if (!domain) return;
    setChoice({ domain, value, stored: true });
    void services.saveChoice(domain, value);
  };

  const readPageOnClick = async () => {
    const tab = context?.tab;
    if (!tab) return;
    setPageBusy(true);
    setPageProblem(null);
    try {
      const reading = await services.readPage(tab.tabId, { inject: true });
      setContext((previous) => previous && { ...previous, reading });
      if (!reading?.zone) setPageProblem('No domain name was found on this page.');
    } catch (error) {
      setPageProblem(`This page could not be read: ${messageOf(error)}`);
    } finally {
      setPageBusy(false);
    }
  };

  const showOdooOverlayOnClick = async () => {
    const tab = context?.tab;
    if (!tab) return;
    setPageProblem(null);
    try {
      await services.showOdooOverlay(tab.tabId);
      setNotice('On an Odoo page, the mailgate panel now shows in General Settings and on the mail server forms.');
    } catch (error) {
      setPageProblem(`The Odoo helper could not be added to this page: ${messageOf(error)}`);
    }
  };

  const tab = context?.tab ?? null;
  const reading = context?.reading ?? null;
  const canFill = !!tab && isScriptablePage(tab.url);
  const pageName = reading?.knownRegistrar ? reading.adapterName : 'registrar';

  const fill = async (record: DnsRecord) => {
    if (!tab || !domain) return;
    setNotice('Filling the form on the page…');
    try {
      const response = await services.fill(tab.tabId, record, domain);
      if (!response.ok) return setNotice(`The form could not be filled: ${response.error}`);
      setNotice(`Filled ${response.filled.join(', ')} on the page. Check the form and save it: mailgate re-checks DNS until the record shows up.`);
      if (!reading) void services.readPage(tab.tabId, { inject: false }).then((fresh) => fresh && setContext((previous) => previous && { ...previous, reading: fresh }), () => {});
      startWatching();
    } catch (error) {
      setNotice(`The page did not answer: ${messageOf(error)}`);
    }
  };

  const copy = (text: string) => {
    void services.copy(text).then(
      () => setNotice('Copied to the clipboard.'),
      (error: unknown) => setNotice(`Could not copy: ${messageOf(error)}`),
    );
  };

  const pagePanel: PagePanelState = !tab
    ? { kind: 'none' }
    : reading
      ? { kind: 'read', reading, coversDomain: !!domain && pageCoversDomain(reading.zone, domain) }
      : isScriptablePage(tab.url)
        ? { kind: 'unread', busy: pageBusy, problem: pageProblem }
        : { kind: 'none' };

  const report = reportState.kind === 'done' ? reportState.loaded.report : null;
  const pageStates = report && reading && domain && pageCoversDomain(reading.zone, domain) ? comparePageWithDns(report.findings, reading.records, domain) : [];
  const waitingOnPage = pageStates.filter((state) => state !== null).length;

  return (
    <main class="mailgate-popup">
      <header class="top">
        <h1>mailgate</h1>
        {report && (
          <span class={`summary summary-${report.status}`} data-summary-status={report.status}>{summarize(report)}</span>
        )}
      </header>
      {!selection ? (
        <p class="loading" role="status">Looking at this tab…</p>
      ) : (
        <DomainBar
          selection={selection}
          page={reading}
          onPickGatewayDomain={(picked) => {
            setChosen({ domain: picked, source: 'gateway' });
            void services.saveLastGatewayDomain(picked);
          }}
          onTypeDomain={(typed) => setChosen({ domain: typed, source: 'typed' })}
        />
      )}
      {context?.gatewayProblem && <p class="notice notice-warn">{context.gatewayProblem}</p>}
      <PagePanel state={pagePanel} onReadPage={() => void readPageOnClick()} onShowOdooOverlay={() => void showOdooOverlayOnClick()} />
      {domain && currentChoice && effectiveChoice && (
        <SenderPicker
          key={domain}
          choice={effectiveChoice}
          open={!currentChoice.stored && !viaGateway}
          onChange={changeChoice}
          {...(viaGateway ? { receiverFixedBy: 'Expected by your mailgate gateway: mail arrives through Cloudflare Email Routing.' } : {})}
        />
      )}
      {notice && <p class="notice" role="status" data-testid="notice">{notice}</p>}
      {reportState.kind === 'loading' && <p class="loading" role="status">Checking DNS…</p>}
      {reportState.kind === 'error' && <p class="notice notice-fail" role="alert">The check failed: {reportState.message}</p>}
      {report && reportState.kind === 'done' && (
        <>
          <RecheckBar
            state={recheck}
            now={now}
            passes={allRecordsPass(report)}
            onWatch={() => startWatching()}
            onStop={() => {
              stopWatching();
              setRecheck(null);
              if (domain) void services.clearWatch(domain).catch(() => {});
            }}
          />
          {waitingOnPage > 0 && (
            <p class="notice notice-info" data-testid="page-waiting">
              {waitingOnPage === 1 ? 'One change is' : `${waitingOnPage} changes are`} on the {pageName} page but not in DNS yet.
            </p>
          )}
          <Checklist report={report} onCopy={copy} pageStates={pageStates} pageName={pageName} {...(canFill ? { onFill: (record: DnsRecord) => void fill(record) } : {})} />
          <p class="checked-by">
            Checked {reportState.loaded.checkedBy === 'gateway' ? 'by your mailgate gateway' : 'from this browser over DNS-over-HTTPS'} at{' '}
            {new Date(report.checkedAt).toLocaleTimeString()}.
          </p>
          {reportState.loaded.notice && <p class="notice notice-warn">{reportState.loaded.notice}</p>}
        </>
      )}
    </main>
  );
}
