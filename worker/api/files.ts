// `GET /files/:id?exp=&sig=`: downloads by signed, expiring link (no bearer token: the link is the key): an attachment
// (`att_…`), or the stored original of a received message (`inb_…`, named in a re-encoded JSON-2 hand-off to Odoo).
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyFileLink } from '../deliver/file-links.ts';
import { getInbound } from '../store/inbound.ts';
import { getAttachment } from '../store/threads.ts';
import { respondWithAttachment } from './attachment-download.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });
const linkQuery = z.object({ exp: z.string().max(16).optional(), sig: z.string().max(128).optional() });

export const fileRoutes = new Hono<AppEnv>().get(
  '/:id',
  validate('param', idParam),
  validate('query', linkQuery),
  async (c) => {
    const { id } = c.req.valid('param');
    const { exp, sig } = c.req.valid('query');
    const check = await verifyFileLink(c.var.services.tokenSecrets, id, exp, sig, Date.now());
    if (!check.ok) {
      throw new ApiError(
        403,
        'forbidden',
        check.reason === 'expired' ? 'this download link has expired' : 'this download link is not valid',
      );
    }
    const { db, bucket } = c.var.services;
    if (id.startsWith('inb_')) {
      const inbound = await getInbound(db, id);
      const raw = inbound ? await bucket.get(inbound.rawKey) : null;
      if (!raw) throw notFound('message');
      return c.body(raw.body, 200, {
        'content-type': 'message/rfc822',
        'content-length': String(raw.size),
        'content-disposition': `attachment; filename="${id}.eml"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    }
    const row = await getAttachment(db, id);
    if (!row) throw notFound('attachment');
    return respondWithAttachment(c, row);
  },
);
