// The `mailgate:fill` runtime message (docs/contracts.md) and its answer.
import { z } from 'zod';
import { dnsRecordSchema } from '../../shared/api/dns.ts';

export const FILL_MESSAGE_TYPE = 'mailgate:fill';

export const fillRequestSchema = z.object({
  type: z.literal(FILL_MESSAGE_TYPE),
  record: z.object({
    type: dnsRecordSchema.shape.type,
    /** Fully qualified (`_dmarc.example.com`), relative (`_dmarc`) or `@`. */
    name: z.string(),
    value: z.string().min(1),
    ttl: z.number().int().positive().optional(),
    priority: z.number().int().min(0).optional(),
  }),
  /** The domain the record belongs to, when the sender knows it better than the page (the popup does). */
  zone: z.string().optional(),
});

export type FillResponse =
  | { ok: true; adapter: string; filled: string[]; problems: string[] }
  | { ok: false; error: string };
