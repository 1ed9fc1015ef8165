// Hash navigation of the console (`#/aliases`, `#/threads/thr_…`): bookmarkable, and no server needed.
import { useEffect, useState } from 'preact/hooks';

export const viewNames = [
  'connect',
  'domains',
  'aliases',
  'threads',
  'inbound',
  'bounces',
  'webhooks',
  'charts',
] as const;
export type ViewName = (typeof viewNames)[number];

export type Route = { view: ViewName; threadId?: string };

/** Unknown or empty hashes land on the domains (or on connect, which the app shows while unconnected). */
export function parseRoute(hash: string): Route {
  const [view, id] = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((part) => decodeURIComponent(part));
  if (view === 'threads' && id) return { view: 'threads', threadId: id };
  return { view: (viewNames as readonly string[]).includes(view ?? '') ? (view as ViewName) : 'domains' };
}

export function routeHref(route: Route): string {
  return route.threadId ? `#/threads/${encodeURIComponent(route.threadId)}` : `#/${route.view}`;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
