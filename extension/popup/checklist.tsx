// The checklist: one item per finding (docs/contracts.md: `data-check`, `data-status`), failing ones with their fix,
// optional records folded away as information.
import type { DnsRecord, DomainReport, Finding, FindingStatus, RecordFix } from '../../shared/api/dns.ts';
import { quoteTxt, splitTxt } from '../../shared/dns/txt.ts';
import type { PagePropagation } from './page-vs-dns.ts';

export type ChecklistProps = {
  report: DomainReport;
  /** Copies text to the clipboard (injected: the popup uses navigator.clipboard, tests a spy). */
  onCopy: (text: string) => void;
  /** Asks the page to fill this record; absent when the popup has no page to fill. */
  onFill?: (record: DnsRecord) => void;
  /** Per finding (same order as `report.findings`): what the registrar page already shows of its fix. */
  pageStates?: readonly (PagePropagation | null)[];
  /** The registrar's name, for the page-state sentences (`Cloudflare`); `registrar` when unknown. */
  pageName?: string;
};

/** Status words shown next to the colour, so that the state never rests on colour alone. */
export const STATUS_LABELS: Record<FindingStatus, string> = { ok: 'OK', warn: 'Warning', fail: 'Fails', info: 'Info' };

const CHECK_TITLES: Record<string, string> = {
  expectations: 'Setup',
  mx: 'MX · where mail arrives',
  spf: 'SPF · who may send',
  dkim: 'DKIM · signing key',
  dmarc: 'DMARC · policy',
  srv: 'Mail client setup',
  internal: 'Check',
};

/** A readable title for a check id (`spf.duplicate` → `SPF · who may send (duplicate)`). */
export function checkTitle(check: string): string {
  const [family = check, ...rest] = check.split('.');
  const base = CHECK_TITLES[family] ?? family.toUpperCase();
  return rest.length > 0 ? `${base} (${rest.join(' ')})` : base;
}

/** The record as one zone-file-like line, what the admin copies when the registrar has no fill support. */
export function formatFixLine(record: DnsRecord): string {
  const priority = record.type === 'MX' ? `${record.priority ?? 10} ` : '';
  return `${record.name} ${record.ttl} IN ${record.type} ${priority}${record.value}`;
}

/** True when a TXT value needs splitting into several 255-octet strings (long DKIM keys, long SPF records). */
export function needsSplit(record: DnsRecord): boolean {
  return record.type === 'TXT' && splitTxt(record.value).length > 1;
}

const PAGE_STATE_TEXT: Record<PagePropagation, (pageName: string) => string> = {
  'on-page-not-in-dns': (name) => `On the ${name} page, not in DNS yet: it was saved and is still on its way.`,
  'removed-on-page-still-in-dns': (name) => `Removed on the ${name} page, still in DNS: the change is on its way.`,
};

function fixIntro(fix: RecordFix): string {
  if (fix.action === 'add') return 'Add this record:';
  if (fix.action === 'delete') return 'Delete this record:';
  return fix.current ? `Change the record that reads “${fix.current}” to:` : 'Change the record to:';
}

type ItemProps = { finding: Finding; pageState: PagePropagation | null; pageName: string } & Pick<
  ChecklistProps,
  'onCopy' | 'onFill'
>;

function FixBlock({ fix, onCopy, onFill }: { fix: RecordFix } & Pick<ChecklistProps, 'onCopy' | 'onFill'>) {
  // Filling the add-record form with a record to delete would add it a second time: deletions are done by hand.
  const fillable = onFill && fix.action !== 'delete';
  return (
    <div class="fix" data-fix-action={fix.action}>
      <p class="fix-intro">{fixIntro(fix)}</p>
      <code class="record-line">{formatFixLine(fix.record)}</code>
      {needsSplit(fix.record) && (
        <>
          <p class="fix-note">Longer than 255 characters: registrars that want quoted strings take it split:</p>
          <code class="record-split">{quoteTxt(fix.record.value)}</code>
        </>
      )}
      {fix.action === 'replace' && (
        <p class="fix-note">Keep only one such record: edit the old one, or delete it after adding this one.</p>
      )}
      <div class="fix-actions">
        <button type="button" onClick={() => onCopy(fix.record.value)}>
          Copy
        </button>
        {needsSplit(fix.record) && (
          <button type="button" onClick={() => onCopy(quoteTxt(fix.record.value))}>
            Copy split
          </button>
        )}
        {fillable && (
          <button type="button" class="primary" onClick={() => onFill(fix.record)}>
            Fill on this page
          </button>
        )}
      </div>
    </div>
  );
}

function ChecklistItem({ finding, pageState, pageName, onCopy, onFill }: ItemProps) {
  const fix = finding.status !== 'ok' && finding.status !== 'info' ? finding.fix : undefined;
  return (
    <li class="item" data-check={finding.check} data-status={finding.status}>
      <div class="item-head">
        <span class={`badge badge-${finding.status}`}>{STATUS_LABELS[finding.status]}</span>
        <strong class="item-title">{checkTitle(finding.check)}</strong>
      </div>
      <p class="why">{finding.why}</p>
      {finding.found !== null && (
        <p class="found">
          <span class="label">Found</span> <code>{finding.found}</code>
        </p>
      )}
      {finding.expected !== null && (
        <p class="expected">
          <span class="label">Expected</span> <code>{finding.expected}</code>
        </p>
      )}
      {pageState && (
        <p class="page-state" data-page-state={pageState}>
          {PAGE_STATE_TEXT[pageState](pageName)}
        </p>
      )}
      {fix && <FixBlock fix={fix} onCopy={onCopy} {...(onFill ? { onFill } : {})} />}
    </li>
  );
}

export function Checklist({ report, onCopy, onFill, pageStates = [], pageName = 'registrar' }: ChecklistProps) {
  const indexed = report.findings.map((finding, index) => ({ finding, pageState: pageStates[index] ?? null }));
  const required = indexed.filter(({ finding }) => finding.status !== 'info');
  const optional = indexed.filter(({ finding }) => finding.status === 'info');
  const renderItem = ({ finding, pageState }: (typeof indexed)[number], index: number) => (
    <ChecklistItem
      key={`${finding.check}-${index}`}
      finding={finding}
      pageState={pageState}
      pageName={pageName}
      onCopy={onCopy}
      {...(onFill ? { onFill } : {})}
    />
  );
  return (
    <section class="report" aria-label={`Mail DNS checklist for ${report.domain}`} data-report-status={report.status}>
      <ul class="checklist">{required.map(renderItem)}</ul>
      {optional.length > 0 && (
        <details class="optional">
          <summary>Optional records and notes ({optional.length})</summary>
          <ul class="checklist">{optional.map(renderItem)}</ul>
        </details>
      )}
      <p class="propagation">After you save a record, DNS changes can take up to 48 hours to reach everyone.</p>
    </section>
  );
}
