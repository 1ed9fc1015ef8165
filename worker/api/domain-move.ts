// `POST /api/domains/:name/move`: moves a domain's data to another D1 database, one bounded step per call.
import { Hono } from 'hono';
import { z } from 'zod';
import { domainNameSchema } from '../../shared/api/domains.ts';
import { moveDomainSchema } from '../../shared/api/domain-move.ts';
import { DomainMoveError } from '../data-move.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { validate } from './validate.ts';

const nameParam = z.object({ name: domainNameSchema });

export const domainMoveRoutes = new Hono<AppEnv>().post(
  '/:name/move',
  validate('param', nameParam),
  validate('json', moveDomainSchema),
  async (c) => {
    const seam = c.var.services.data;
    if (!seam) throw new ApiError(409, 'conflict', 'this gateway has one database: there is nowhere to move a domain');
    const { name } = c.req.valid('param');
    const { to, dryRun, maxQueries } = c.req.valid('json');
    try {
      return c.json(dryRun ? await seam.planMove(name, to) : await seam.advanceMove(name, to, maxQueries));
    } catch (error) {
      if (!(error instanceof DomainMoveError)) throw error;
      throw new ApiError(
        error.kind === 'invalid' ? 400 : 409,
        error.kind === 'invalid' ? 'invalid_input' : 'conflict',
        error.message,
      );
    }
  },
);
