// One question's checks (a domain, its expectations, who checks): the first check, the re-check schedule after a
// fill, the countdown, and the watch remembered for a reopened popup. Plain TypeScript on the injected timers: a
// question never changes during its session, so nothing it runs later can see a stale one. useRecheck renders it.
import { errorMessage } from '../../shared/error-message.ts';
import type { PopupServices } from './popup-services.ts';
import { allRecordsPass, startRecheckSchedule, type RecheckSchedule, type RecheckState } from './recheck-schedule.ts';
import type { LoadedReport, ReportRequest } from './report-loader.ts';
import { attemptsElapsed } from './watch-memory.ts';

export type ReportState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; loaded: LoadedReport }
  | { kind: 'error'; message: string };

export type CheckState = {
  report: ReportState;
  recheck: RecheckState | null;
  /** The clock the countdown is drawn against (ticks every second while a re-check waits). */
  now: number;
};

export type CheckSession = {
  /** Starts re-checking (after a fill, or the admin's "Watch"), remembered for a reopened popup. */
  watch(): void;
  /** The admin stops watching: nothing more runs, and nothing is remembered. */
  stop(): void;
  /** The question changed or the popup closed: nothing more runs or is reported; the remembered watch stays. */
  dispose(): void;
};

export type CheckSessionOptions = {
  question: ReportRequest;
  services: Pick<PopupServices, 'loadReport' | 'loadWatch' | 'saveWatch' | 'clearWatch' | 'timers'>;
  /** Runs beside every check (the popup reads the page again: it may list new records). */
  alongside?: () => Promise<void>;
  onChange(state: CheckState): void;
};

export function startCheckSession({ question, services, alongside, onChange }: CheckSessionOptions): CheckSession {
  const { domain } = question;
  const { timers } = services;
  let state: CheckState = { report: { kind: 'loading' }, recheck: null, now: timers.now() };
  let disposed = false;
  /** Numbers the checks: only the latest one's answer is shown, whatever order they finish in. */
  let latest = 0;
  let schedule: RecheckSchedule | null = null;
  let tick: unknown = null;

  const publish = (change: Partial<CheckState>) => {
    if (disposed) return;
    state = { ...state, ...change };
    onChange(state);
  };
  const forgetWatch = () => void services.clearWatch(domain).catch(() => {});

  async function check(): Promise<LoadedReport> {
    const request = ++latest;
    const [loaded] = await Promise.all([services.loadReport(question), alongside?.()]);
    if (request === latest) publish({ report: { kind: 'done', loaded } });
    return loaded;
  }

  function stopTicking(): void {
    if (tick !== null) timers.clearTimeout(tick);
    tick = null;
  }
  function tickEverySecond(): void {
    publish({ now: timers.now() });
    tick = timers.setTimeout(tickEverySecond, 1000);
  }

  function watch(resume?: { startAttempt: number }): void {
    schedule?.stop();
    if (!resume) void services.saveWatch(domain, timers.now()).catch(() => {});
    schedule = startRecheckSchedule({
      timers,
      check: async () => allRecordsPass((await check()).report),
      startAttempt: resume?.startAttempt ?? 0,
      onState: (recheck) => {
        stopTicking();
        publish({ recheck, now: timers.now() });
        if (recheck.kind === 'waiting') tick = timers.setTimeout(tickEverySecond, 1000);
        if (recheck.kind === 'passed' || recheck.kind === 'gave-up') forgetWatch();
      },
    });
  }

  // The first check; then, unless the records pass, go on watching when the admin was already waiting for this
  // domain before the popup closed.
  publish({});
  const first = latest + 1;
  check().then(
    async (loaded) => {
      if (latest !== first) return;
      if (allRecordsPass(loaded.report)) return forgetWatch();
      const startedAt = await services.loadWatch(domain, timers.now()).catch(() => null);
      if (startedAt !== null && latest === first && !disposed)
        watch({ startAttempt: attemptsElapsed(timers.now() - startedAt) });
    },
    (error: unknown) => {
      if (latest === first) publish({ report: { kind: 'error', message: errorMessage(error) } });
    },
  );

  return {
    watch: () => watch(),
    stop() {
      schedule?.stop();
      schedule = null;
      publish({ recheck: null });
      forgetWatch();
    },
    dispose() {
      disposed = true;
      schedule?.stop();
      schedule = null;
      stopTicking();
    },
  };
}
