// Front door of the DNS brain: one domain, the admin's expectations, a resolver → a DomainReport of findings.
import {
  type DomainExpectationsInput,
  type DomainReport,
  domainExpectationsSchema,
  type Finding,
  type FindingStatus,
} from '../api/dns.ts';
import { checkAutodiscovery } from './autodiscovery.ts';
import { checkDkimSelector, type DkimExpectation } from './dkim.ts';
import { lookupDkim } from './dkim-lookup.ts';
import { checkDmarc } from './dmarc.ts';
import { createBudgetedResolver } from './lookup-budget.ts';
import { checkMx, type ReceiverExpectation } from './mx.ts';
import type { Resolver } from './resolver.ts';
import { findSenderService, SENDER_SERVICE_IDS, type SenderService } from './senders.ts';
import { checkSpf } from './spf/index.ts';
import { renderZoneFile } from './zone-file.ts';

/** One slow answer must not hold the report: DoH answers in tens of milliseconds when healthy. */
export const DEFAULT_QUERY_TIMEOUT_MS = 2500;
/** The whole report, SPF includes and all, within what an admin waits for a page (and a Worker's CPU budget). */
export const DEFAULT_CHECK_BUDGET_MS = 8000;

export type SpfChecker = (domain: string, requiredTerms: string[], resolver: Resolver) => Promise<Finding[]>;

export type CheckDomainOptions = {
  queryTimeoutMs?: number;
  budgetMs?: number;
  /** Include the optional SRV/autoconfig records (info findings); true by default. */
  includeOptional?: boolean;
  /** The report's clock, injectable for tests. */
  now?: () => Date;
  /** Replaces the SPF check (tests of the orchestration); the real one is shared/dns/spf. */
  checkSpf?: SpfChecker;
};

/** The order findings appear in, whatever order the parallel checks finish in. */
const CHECK_ORDER = ['expectations', 'mx', 'spf', 'dkim', 'dmarc', 'srv'];
const STATUS_RANK: Record<FindingStatus, number> = { info: 0, ok: 0, warn: 1, fail: 2 };

type ResolvedExpectations = {
  receiver: ReceiverExpectation;
  spfTerms: string[];
  dkim: Map<string, DkimExpectation>;
  findings: Finding[];
};

function resolveExpectations(
  input: DomainExpectationsInput,
): ResolvedExpectations & { dmarc: ReturnType<typeof domainExpectationsSchema.parse>['dmarc'] } {
  const expectations = domainExpectationsSchema.parse(input);
  const findings: Finding[] = [];
  const lookupService = (id: string): SenderService | undefined => {
    const service = findSenderService(id);
    if (!service) {
      findings.push({
        check: 'expectations',
        status: 'warn',
        found: id,
        expected: SENDER_SERVICE_IDS.join(', '),
        why: `"${id}" is not a service mailgate knows, so its records were not checked.`,
      });
    }
    return service;
  };

  const receiverService = expectations.receiver === 'none' ? undefined : lookupService(expectations.receiver);
  const receiverName =
    receiverService?.name ?? (expectations.mx.length > 0 ? 'your mail server' : expectations.receiver);
  const receiver: ReceiverExpectation =
    expectations.receiver === 'none'
      ? { kind: 'none' }
      : {
          kind: 'receiver',
          name: receiverName,
          hosts: expectations.mx.length > 0 ? expectations.mx : (receiverService?.mx?.hosts ?? []),
          hostSuffixes: expectations.mx.length > 0 ? [] : (receiverService?.mx?.hostSuffixes ?? []),
        };

  const services = [receiverService, ...expectations.senders.map(lookupService)].filter(
    (service): service is SenderService => service !== undefined,
  );
  const spfTerms = [
    ...new Set(
      [...services.map((service) => service.spfTerm), ...expectations.spf].filter((term): term is string => !!term),
    ),
  ];

  const dkim = new Map<string, DkimExpectation>();
  for (const service of services) {
    for (const selector of service.dkim?.selectors ?? [])
      dkim.set(selector, { form: service.dkim, serviceName: service.name });
  }
  for (const selector of expectations.dkimSelectors) {
    if (!dkim.has(selector)) dkim.set(selector, { form: null, serviceName: null });
  }
  for (const service of services) {
    if (service.dkim && service.dkim.selectors.length === 0 && expectations.dkimSelectors.length === 0) {
      findings.push({
        check: 'dkim',
        status: 'info',
        found: null,
        expected: `the selector ${service.name} gave you`,
        why: `${service.name} picks a DKIM selector per account; pass it (--expect dkim=SELECTOR) to have its key checked (RFC 6376 3.1).`,
      });
    }
  }
  return { receiver, spfTerms, dkim, findings, dmarc: expectations.dmarc };
}

function rankCheck(check: string): number {
  const index = CHECK_ORDER.indexOf(check.split('.')[0] ?? check);
  return index === -1 ? CHECK_ORDER.length : index;
}

/** Worst status over the findings; `info` never makes a report worse than `ok`. */
export function summarizeStatus(findings: Finding[]): DomainReport['status'] {
  const worst = Math.max(0, ...findings.map((finding) => STATUS_RANK[finding.status]));
  return worst === 2 ? 'fail' : worst === 1 ? 'warn' : 'ok';
}

/**
 * Checks a domain's mail records. Every lookup runs in parallel through one budgeted resolver (each question asked
 * once, per-query timeout, overall budget); a DNS failure becomes a `warn` finding, never an exception.
 */
export async function checkDomain(
  domain: string,
  expectations: DomainExpectationsInput,
  resolver: Resolver,
  options: CheckDomainOptions = {},
): Promise<DomainReport> {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  const budgeted = createBudgetedResolver(resolver, {
    queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    budgetMs: options.budgetMs ?? DEFAULT_CHECK_BUDGET_MS,
  });
  const lookup = budgeted.resolver;
  const wanted = resolveExpectations(expectations);
  const spfChecker = options.checkSpf ?? checkSpf;

  const checks: Promise<Finding[]>[] = [
    checkMx(name, wanted.receiver, lookup),
    spfChecker(name, wanted.spfTerms, lookup),
    ...[...wanted.dkim].map(async ([selector, expectation]) => [
      checkDkimSelector(name, selector, await lookupDkim(name, selector, lookup), expectation),
    ]),
    checkDmarc(name, wanted.dmarc, lookup),
    ...(options.includeOptional === false ? [] : [checkAutodiscovery(name, lookup)]),
  ];
  if (wanted.dkim.size === 0 && !wanted.findings.some((finding) => finding.check === 'dkim')) {
    checks.push(
      Promise.resolve([
        {
          check: 'dkim',
          status: 'warn',
          found: null,
          expected: 'a DKIM selector to check',
          why: 'No DKIM selector is known for this domain, so its signing key was not checked; name the selector your sender uses (RFC 6376 3.1).',
        },
      ]),
    );
  }

  const settled = await Promise.allSettled(checks);
  const findings = [...wanted.findings];
  for (const result of settled) {
    if (result.status === 'fulfilled') findings.push(...result.value);
    else {
      // A bug or an unexpected resolver error in one check must not take the whole report down.
      findings.push({
        check: 'internal',
        status: 'warn',
        found: null,
        expected: null,
        why: `One check could not complete (${result.reason instanceof Error ? result.reason.message : String(result.reason)}); the rest of the report stands.`,
      });
    }
  }
  const ordered = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rankCheck(a.finding.check) - rankCheck(b.finding.check) || a.index - b.index)
    .map(({ finding }) => finding);

  const fixes = ordered.flatMap((finding) => (finding.fix ? [finding.fix] : []));
  return {
    domain: name,
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    status: summarizeStatus(ordered),
    findings: ordered,
    ...(fixes.length > 0 ? { zoneFile: renderZoneFile(fixes) } : {}),
  };
}
