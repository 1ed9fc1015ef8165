// The re-check line: when the next check runs, whether watching stopped, and the 48-hour reminder.
import { secondsUntil, type RecheckState } from './recheck-schedule.ts';

export type RecheckBarProps = {
  state: RecheckState | null;
  now: number;
  /** The current report passes: nothing to watch for. */
  passes: boolean;
  onWatch: () => void;
  onStop: () => void;
};

export function RecheckBar({ state, now, passes, onWatch, onStop }: RecheckBarProps) {
  const active = state?.kind === 'waiting' || state?.kind === 'checking';
  let text: string;
  if (state?.kind === 'waiting') text = `Re-checking in ${secondsUntil(state.nextAt, now)} s.`;
  else if (state?.kind === 'checking') text = 'Re-checking DNS…';
  else if (state?.kind === 'passed' || passes) text = 'Every record passes.';
  else if (state?.kind === 'gave-up')
    text = `Stopped after ${state.attempts} re-checks. Records can take up to 48 hours to appear.`;
  else text = 'Saved a record? mailgate can re-check until it shows up.';
  return (
    <section class="recheck" aria-label="Re-check" data-recheck={state?.kind ?? 'idle'}>
      <p role="status">{text}</p>
      {active ? (
        <button type="button" class="link" onClick={onStop}>
          Stop
        </button>
      ) : (
        !passes && (
          <button type="button" onClick={onWatch}>
            {state ? 'Re-check again' : 'Watch for changes'}
          </button>
        )
      )}
      {active && (
        <p class="hint">
          DNS changes can take up to 48 hours; most registrars publish within minutes. Re-checks pause while this popup
          is closed and go on when you open it again.
        </p>
      )}
    </section>
  );
}
