// The checklist: one item per finding (contracts.md: `data-check`, `data-status`), failing ones with their fix.
import type { DnsRecord, DomainReport, Finding } from '../../shared/api/dns.ts';

export type ChecklistProps = {
  report: DomainReport;
  /** Copies text to the clipboard (injected: the popup uses navigator.clipboard, tests a spy). */
  onCopy: (text: string) => void;
  /** Asks the active tab to fill this record; absent when the popup has no page to fill. */
  onFill?: (record: DnsRecord) => void;
};

/** The record as one zone-file-like line, what the admin copies when the registrar has no fill support. */
export function formatFixLine(record: DnsRecord): string {
  const priority = record.type === 'MX' ? `${record.priority ?? 10} ` : '';
  return `${record.name} ${record.ttl} IN ${record.type} ${priority}${record.value}`;
}

function ChecklistItem({ finding, onCopy, onFill }: { finding: Finding } & Omit<ChecklistProps, 'report'>) {
  const fix = finding.status !== 'ok' && finding.status !== 'info' ? finding.fix : undefined;
  return (
    <li data-check={finding.check} data-status={finding.status}>
      <strong>{finding.check.toUpperCase()}</strong> <span class="status">{finding.status}</span>
      <p class="why">{finding.why}</p>
      {finding.found !== null && <p class="found">Found: <code>{finding.found}</code></p>}
      {finding.expected !== null && <p class="expected">Expected: <code>{finding.expected}</code></p>}
      {fix && (
        <div class="fix" data-fix-action={fix.action}>
          <code>{formatFixLine(fix.record)}</code>
          <button type="button" onClick={() => onCopy(fix.record.value)}>Copy</button>
          {onFill && <button type="button" onClick={() => onFill(fix.record)}>Fill on this page</button>}
        </div>
      )}
    </li>
  );
}

export function Checklist({ report, onCopy, onFill }: ChecklistProps) {
  return (
    <section aria-label={`Mail DNS checklist for ${report.domain}`} data-report-status={report.status}>
      <ul class="checklist">
        {report.findings.map((finding) => (
          <ChecklistItem key={finding.check} finding={finding} onCopy={onCopy} {...(onFill ? { onFill } : {})} />
        ))}
      </ul>
      <p class="propagation">After you save a record, DNS changes can take up to 48 hours to reach everyone.</p>
    </section>
  );
}
