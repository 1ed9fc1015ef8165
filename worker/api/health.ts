// `GET /health/deep` (admin): the components and figures an admin or a monitor needs to know mail is flowing.
import { Hono } from 'hono';
import { checkDeepHealth } from '../probes/deep-health.ts';
import { requireBearerToken } from './auth.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { requireInstallationWide, requireScope } from './scopes.ts';

export const healthRoutes = new Hono<AppEnv>().get(
  '/deep',
  requireBearerToken,
  requireScope('admin'),
  requireInstallationWide,
  async (c) => {
    const { health } = c.var.services;
    if (!health) throw new ApiError(500, 'internal', 'the deep health check is not wired');
    const report = await checkDeepHealth(health);
    // 503 when a component does not answer (monitors page someone); open alerts alone keep it 200 with ok: false.
    const componentsOk = report.checks.d1.ok && report.checks.r2.ok && report.checks.queue.ok;
    return c.json(report, componentsOk ? 200 : 503);
  },
);
