// The console's shared notices: loading, errors (with a retry), and the outcome of an action.
import type { ComponentChildren } from 'preact';
import type { ActionState, Loaded } from './use-loader.ts';

export function LoadingNotice({ what }: { what: string }) {
  return (
    <p role="status" class="notice notice-loading">
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div role="alert" class="notice notice-error">
      <span>{message}</span>
      {onRetry && (
        <button type="button" class="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The loading and error states of a loader; `children` renders the data once it is there. */
export function LoadedView<T>({
  state,
  what,
  onRetry,
  children,
}: {
  state: Loaded<T>;
  what: string;
  onRetry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  if (state.status === 'loading') return <LoadingNotice what={what} />;
  if (state.status === 'error')
    return <ErrorNotice message={`Could not load ${what}: ${state.message}`} onRetry={onRetry} />;
  return <>{children(state.data)}</>;
}

export function ActionNotice({ state }: { state: ActionState }) {
  if (state.error) return <ErrorNotice message={state.error} />;
  if (state.notice) {
    return (
      <p role="status" class="notice notice-done">
        {state.notice}
      </p>
    );
  }
  return null;
}

/** A status word as a badge: the word itself is the information (colour only repeats it). */
export function StatusBadge({ status, label = status }: { status: string; label?: string }) {
  return <span class={`badge badge-${status.replace(/[^a-z0-9-]/gi, '')}`}>{label}</span>;
}
