// The console's status banner: failing gateway components and open alerts (GET /health/deep), refreshed every minute.
import { useEffect, useState } from 'preact/hooks';
import type { DeepHealth } from '../../shared/api/health.ts';

export const STATUS_REFRESH_MS = 60_000;

const COMPONENT_NAMES: Record<keyof DeepHealth['checks'], string> = {
  d1: 'The database (D1)',
  r2: 'Mail storage (R2)',
  queue: 'The delivery queue',
};

/** What the banner lists: components that did not answer, then every open alert. */
export function describeHealthProblems(health: DeepHealth): string[] {
  const components = (Object.keys(COMPONENT_NAMES) as (keyof DeepHealth['checks'])[])
    .filter((name) => !health.checks[name].ok)
    .map(
      (name) =>
        `${COMPONENT_NAMES[name]} is not answering${health.checks[name].error ? `: ${health.checks[name].error}` : ''}.`,
    );
  return [...components, ...health.alerts.map((alert) => alert.message)];
}

/**
 * Shows nothing while all is well, and nothing when the health cannot be read (a token that is not an admin's, an
 * unreachable gateway: the views say that themselves).
 */
export function StatusBanner({
  loadHealth,
  refreshMs = STATUS_REFRESH_MS,
}: {
  loadHealth: () => Promise<DeepHealth>;
  refreshMs?: number;
}) {
  const [health, setHealth] = useState<DeepHealth | null>(null);
  useEffect(() => {
    let active = true;
    const load = () => {
      Promise.resolve()
        .then(loadHealth)
        .then(
          (answer) => active && setHealth(answer),
          () => active && setHealth(null),
        );
    };
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [loadHealth, refreshMs]);
  const problems = health ? describeHealthProblems(health) : [];
  if (problems.length === 0) return null;
  return (
    <div role="alert" class="notice notice-error status-banner" data-testid="status-banner">
      <strong>Gateway status</strong>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
