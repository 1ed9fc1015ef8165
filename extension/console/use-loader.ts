// Loading state for the console's views: loading, error (with a readable message) or ready, with a reload.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../shared/error-message.ts';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

/**
 * Runs `load` now and whenever `deps` change or `reload()` is called. Only the latest call may set the state: a slow
 * answer to an old search never overwrites the answer to the new one.
 */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latestCall = useRef(0);
  useEffect(() => {
    const call = ++latestCall.current;
    setState({ status: 'loading' });
    load().then(
      (data) => call === latestCall.current && setState({ status: 'ready', data }),
      (error: unknown) => call === latestCall.current && setState({ status: 'error', message: errorMessage(error) }),
    );
    // `load` is a new closure on every render: `deps` say when it really changed.
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return [state, reload, replace];
}

export type ActionState = { busy: string | null; error: string | null; notice: string | null };

/**
 * One action at a time per view (a replay, a delete…): which one runs (to disable its button), its error, or a
 * one-line notice of what it did.
 */
export function useAction(): [ActionState, (name: string, run: () => Promise<string | void>) => Promise<boolean>] {
  const [state, setState] = useState<ActionState>({ busy: null, error: null, notice: null });
  const perform = useCallback(async (name: string, run: () => Promise<string | void>) => {
    setState({ busy: name, error: null, notice: null });
    try {
      const notice = await run();
      setState({ busy: null, error: null, notice: notice ?? null });
      return true;
    } catch (error) {
      setState({ busy: null, error: errorMessage(error), notice: null });
      return false;
    }
  }, []);
  return [state, perform];
}
