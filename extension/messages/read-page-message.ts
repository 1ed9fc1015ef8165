// The `mailgate:read-page` runtime message: the popup asks the registrar content script what the page shows.
import { z } from 'zod';
import { dnsRecordSchema } from '../../shared/api/dns.ts';

/** The request is `{ type: READ_PAGE_MESSAGE_TYPE }`, nothing else. */
export const READ_PAGE_MESSAGE_TYPE = 'mailgate:read-page';

/** The answer, validated by the popup: it crosses a process boundary from a page the extension does not control. */
export const pageReadingSchema = z.object({
  /** The adapter that read the page (`cloudflare`, …, or `generic`). */
  adapter: z.string(),
  /** The registrar's name as people know it (`web` for the generic adapter). */
  adapterName: z.string(),
  /** True when a registrar-specific adapter matched the page's URL, false for the generic reading. */
  knownRegistrar: z.boolean(),
  /** The zone the page manages, when the page shows it. */
  zone: z.string().nullable(),
  /** The records the page already lists, with fully qualified names (empty without a zone). */
  records: z.array(dnsRecordSchema),
});
export type PageReading = z.infer<typeof pageReadingSchema>;
