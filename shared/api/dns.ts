// Wire shapes of the DNS report (`GET /api/domains/:name/dns`, `mailgate check-domain`, the extension's checklist).
import { z } from 'zod';

export const dnsRecordSchema = z.object({
  type: z.enum(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'SRV', 'NS']),
  /** Fully qualified owner name, without the trailing dot (`_dmarc.example.com`). */
  name: z.string(),
  value: z.string(),
  ttl: z.number().int().positive().default(3600),
  priority: z.number().int().min(0).optional(),
});
export type DnsRecord = z.infer<typeof dnsRecordSchema>;

export const recordFixSchema = z.object({
  action: z.enum(['add', 'replace', 'delete']),
  record: dnsRecordSchema,
  /** For `replace`/`delete`: the published value being replaced or removed. */
  current: z.string().optional(),
});
export type RecordFix = z.infer<typeof recordFixSchema>;

export const findingStatusSchema = z.enum(['ok', 'warn', 'fail', 'info']);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const findingSchema = z.object({
  /** What was checked: `mx`, `spf`, `dkim`, `dmarc`, or a finer id such as `spf.lookups`, `srv.submission`. */
  check: z.string(),
  status: findingStatusSchema,
  found: z.string().nullable(),
  expected: z.string().nullable(),
  fix: recordFixSchema.optional(),
  /** One sentence a non-expert understands, citing the RFC section where one rules. */
  why: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const domainReportSchema = z.object({
  domain: z.string(),
  checkedAt: z.string(),
  /** Worst status over the findings (`info` never makes a report worse than `ok`). */
  status: z.enum(['ok', 'warn', 'fail']),
  findings: z.array(findingSchema),
  /** Every fix as one BIND zone-file snippet (TXT split into quoted 255-octet strings); absent when nothing to fix. */
  zoneFile: z.string().optional(),
});
export type DomainReport = z.infer<typeof domainReportSchema>;

/**
 * What the admin wants the domain to do (`mailgate check-domain --expect KEY=VALUE`, the extension's form).
 * Service ids come from the table in `shared/dns/senders.ts`.
 */
export const domainExpectationsSchema = z.object({
  /** The service that receives the domain's mail (its MX); `none` for a domain that must receive no mail (null MX). */
  receiver: z.string().default('cloudflare'),
  /** Explicit MX hosts (an own MTA); when given they replace the receiver's hosts. */
  mx: z.array(z.string()).default([]),
  /** Services that send mail as the domain (their SPF include and DKIM selectors are then expected). */
  senders: z.array(z.string()).default([]),
  /** Extra SPF terms the record must hold (`ip4:192.0.2.1`, `include:…`). */
  spf: z.array(z.string()).default([]),
  /** DKIM selectors to check on top of the services' fixed ones. */
  dkimSelectors: z.array(z.string()).default([]),
  dmarc: z
    .object({
      /** The policy the admin wants to reach; the report walks there one step at a time (none → quarantine → reject). */
      policy: z.enum(['none', 'quarantine', 'reject']).optional(),
      /** Where aggregate reports should go (`mailto:dmarc@example.com`). */
      rua: z.string().optional(),
    })
    .default({}),
});
export type DomainExpectations = z.infer<typeof domainExpectationsSchema>;
export type DomainExpectationsInput = z.input<typeof domainExpectationsSchema>;
