// Wire shapes of the relay ingress (`POST /api/ingress/raw`): the SMTP envelope of a raw message an MTA hands over.
import { z } from 'zod';
import { domainNameSchema } from './domains.ts';

/** RFC 5321 4.5.3.1.3: a path is at most 256 octets; an addr-spec needs one `@` with something on each side. */
const envelopeAddressSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^<(.*)>$/, '$1'))
  .pipe(
    z
      .string()
      .max(256)
      .regex(/^[^\s<>]+@[^\s<>@]+$/, 'an address local@domain'),
  );

/** Query flags are `1`/`true` or `0`/`false`. */
const flagSchema = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((value) => value === '1' || value === 'true');

export const ingressEnvelopeSchema = z.object({
  /**
   * MAIL FROM; empty (or `<>`) for the null sender of a bounce (RFC 5321 4.5.5). `MAILER-DAEMON` too: what Postfix's
   * pipe(8) writes for the null sender unless `null_sender=` is set.
   */
  sender: z.union([
    z
      .string()
      .regex(/^(|<>|mailer-daemon)$/i)
      .transform(() => ''),
    envelopeAddressSchema,
  ]),
  /** RCPT TO, one or more: the message is accepted (stored and processed) once per recipient, as email() is. */
  recipient: z.array(envelopeAddressSchema).max(100),
  /** Old mail brought in by `mailgate import-mbox`: marked imported, and filed into threads only (no ERP record, event or forward). */
  import: flagSchema,
  /** With `import`: route the mail as if it were live (records, events). */
  deliver: flagSchema,
  /** With `import` and no recipient: the domain whose catchall receives the archive. */
  domain: domainNameSchema.optional(),
  /**
   * With `import` (admin): a restore of `mailgate export`. The thread the message was filed in keeps its id (created if
   * missing, in the recipient's domain); `none`: it was filed in no thread and is only stored.
   */
  restoreThread: z
    .string()
    .regex(/^(none|thr_[0-9a-z]{8,40})$/, 'a thread id (thr_…) or none')
    .optional(),
});
export type IngressEnvelope = z.infer<typeof ingressEnvelopeSchema>;

export const ingressRecipientResultSchema = z.object({
  recipient: z.string(),
  inboundId: z.string(),
  status: z.enum(['delivered', 'rejected', 'failed']),
  route: z.string().nullable(),
  /** The same bytes to the same recipient were already stored: nothing new was written. */
  duplicate: z.boolean(),
  /** For a refused recipient: the SMTP text (as email() passes to setReject), e.g. `5.1.1 <x@y>: no such recipient here…`. */
  smtpReject: z.string().nullable(),
});

/** 202 (every recipient accepted, or some refused while others were accepted) and 422 (every recipient refused). */
export const ingressResultSchema = z.object({
  accepted: z.array(ingressRecipientResultSchema),
  refused: z.array(ingressRecipientResultSchema),
});
export type IngressResult = z.infer<typeof ingressResultSchema>;
