// The popup's checks as state: one check session per question (check-session.ts), replaced when the domain, the
// expectations or the checker change, and disposed when the popup closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { startCheckSession, type CheckSession, type CheckState } from './check-session.ts';
import type { PopupServices } from './popup-services.ts';
import type { ReportRequest } from './report-loader.ts';

export type Recheck = CheckState & {
  watch(): void;
  stop(): void;
};

export function useRecheck(
  question: ReportRequest | null,
  services: PopupServices,
  alongside: () => Promise<void>,
): Recheck {
  const [state, setState] = useState<CheckState>(() => ({
    report: { kind: 'idle' },
    recheck: null,
    now: services.timers.now(),
  }));
  /** The running session: a handle for the buttons, not a copy of anything rendered. */
  const session = useRef<CheckSession | null>(null);
  // The question's content, not its identity: a render rebuilds the same question as a new object.
  const questionKey = question && JSON.stringify(question);
  useEffect(() => {
    if (!question) return undefined;
    const started = startCheckSession({ question, services, alongside, onChange: setState });
    session.current = started;
    return () => {
      started.dispose();
      if (session.current === started) session.current = null;
    };
  }, [questionKey, services, alongside]);
  return { ...state, watch: () => session.current?.watch(), stop: () => session.current?.stop() };
}
