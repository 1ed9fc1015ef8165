// Builds a registrar adapter from a small description: URL, records-list columns, form labels and value rules.
import type { DnsRecord } from '../../shared/api/dns.ts';
import { findButton, findControl, isShown, readLabelText, type FormControl } from './dom/controls.ts';
import { readRecordTable, type ColumnPatterns } from './dom/read-table.ts';
import { chooseOption, clickLikeUser, typeIntoControl, waitForElement } from './dom/set-control-value.ts';
import { guessZone, toFormName, toFullName, type NameStyle } from './record-name.ts';
import { parseTtl, readRowRecords } from './record-text.ts';
import type { FillResult, FormFieldName, RecordToFill, RegistrarAdapter } from './registrar-adapter.ts';

/** How long the add-record form may take to appear after its button was clicked. */
const FORM_OPEN_WAIT_MS = 2000;

export type FormLabels = {
  type: RegExp;
  name: RegExp;
  value: RegExp;
  ttl?: RegExp;
  priority?: RegExp;
};

export type FormAdapterSpec = {
  id: string;
  displayName: string;
  /** Tested against the page's full URL. */
  url: RegExp;
  columns: ColumnPatterns;
  labels: FormLabels;
  nameStyle: NameStyle;
  /** Opens the add-record form when its fields are not on the page yet. */
  addButton?: RegExp;
  /** What the registrar's `Auto` TTL means, in seconds. */
  autoTtlSeconds?: number;
  /** Several values listed in one cell, one per line. */
  valuesPerLine?: boolean;
  /** Where the zone is written on the page; defaults to the first domain-like text of the headings. */
  readZone?: (doc: ParentNode) => string | null;
  /** The option of the type dropdown for a record type; defaults to text starting with the type. */
  typeOption?: (type: DnsRecord['type']) => RegExp;
  /** The text to type into the value field; defaults to the value itself. */
  formatValue?: (record: RecordToFill) => string;
  /** MX priority goes into the value field (`10 mx.example.com`) instead of a priority field. */
  priorityInValue?: boolean;
};

const DOMAIN_TOKEN = /\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})\b/i;

/** The first domain-like token in the page's main headings, breadcrumb or title, or an explicit data-zone. */
export function readZoneFromHeadings(doc: ParentNode): string | null {
  const marked = doc.querySelector('[data-zone]')?.getAttribute('data-zone');
  if (marked) return marked.toLowerCase();
  const places = Array.from(doc.querySelectorAll('h1, h2, nav [aria-current], title'));
  for (const place of places) {
    const token = DOMAIN_TOKEN.exec(readLabelText(place))?.[1];
    if (token) return token.toLowerCase();
  }
  return null;
}

function defaultTypeOption(type: DnsRecord['type']): RegExp {
  return new RegExp(`^${type}(\\b|$)`, 'i');
}

/** Chooses the type in a dropdown, or in a group of tiles/radios/tabs when the form has no dropdown. */
async function chooseType(scope: ParentNode, label: RegExp, option: RegExp): Promise<boolean> {
  const control = findControl(scope, label);
  if (control) return chooseOption(control, option);
  const radios = Array.from(scope.querySelectorAll('input[type=radio], [role=radio], [role=tab], button')).filter(isShown);
  const tile = radios.find((candidate) => {
    const text = candidate.matches('input') ? readLabelText(candidate.closest('label') ?? candidate) : readLabelText(candidate);
    return option.test(text) || option.test(candidate.getAttribute('value') ?? '');
  });
  if (!tile) return false;
  clickLikeUser(tile);
  return true;
}

async function fillTtl(control: FormControl, ttl: number, autoSeconds: number): Promise<boolean> {
  if (control.tagName === 'SELECT' || control.getAttribute('role') === 'combobox') {
    return chooseOption(control, (text) => parseTtl(text, autoSeconds) === ttl);
  }
  typeIntoControl(control, String(ttl));
  return true;
}

/** Builds the adapter. Fill order is type first: most forms re-render their other fields for the chosen type. */
export function createFormAdapter(spec: FormAdapterSpec): RegistrarAdapter {
  const autoTtlSeconds = spec.autoTtlSeconds ?? 3600;
  const readZone = spec.readZone ?? readZoneFromHeadings;
  const typeOption = spec.typeOption ?? defaultTypeOption;

  async function openForm(doc: ParentNode): Promise<boolean> {
    if (findControl(doc, spec.labels.value) || findControl(doc, spec.labels.type)) return true;
    const button = spec.addButton ? findButton(doc, spec.addButton) : null;
    if (!button) return false;
    clickLikeUser(button);
    const opened = await waitForElement(() => findControl(doc, spec.labels.type) ?? findControl(doc, spec.labels.value), FORM_OPEN_WAIT_MS);
    return opened !== null;
  }

  return {
    id: spec.id,
    displayName: spec.displayName,
    matches: (url) => spec.url.test(url),
    readZone,
    readRecords(doc, zone) {
      const zoneName = zone ?? readZone(doc);
      if (!zoneName) return [];
      return readRecordTable(doc, spec.columns).flatMap((row) =>
        readRowRecords(row, { zone: zoneName, autoTtlSeconds, valuesPerLine: spec.valuesPerLine ?? false }),
      );
    },
    async fill(doc, record, zone): Promise<FillResult> {
      const filled: FormFieldName[] = [];
      const problems: string[] = [];
      if (!(await openForm(doc))) return { filled, problems: [`No add-record form was found on this ${spec.displayName} page.`] };
      const zoneName = zone ?? readZone(doc) ?? guessZone(record.name);

      if (await chooseType(doc, spec.labels.type, typeOption(record.type))) filled.push('type');
      else problems.push(`The record type ${record.type} could not be chosen.`);

      const nameControl = await waitForElement(() => findControl(doc, spec.labels.name));
      if (nameControl) {
        typeIntoControl(nameControl, toFormName(toFullName(record.name, zoneName), zoneName, spec.nameStyle));
        filled.push('name');
      } else problems.push('The name (host) field was not found.');

      const valueControl = findControl(doc, spec.labels.value);
      const valueText = spec.formatValue?.(record) ?? record.value;
      const withPriority = spec.priorityInValue && record.type === 'MX' ? `${record.priority ?? 10} ${valueText}` : valueText;
      if (valueControl) {
        typeIntoControl(valueControl, withPriority);
        filled.push('value');
      } else problems.push('The value field was not found.');

      if (record.ttl !== undefined && spec.labels.ttl) {
        const ttlControl = findControl(doc, spec.labels.ttl);
        if (ttlControl && (await fillTtl(ttlControl, record.ttl, autoTtlSeconds))) filled.push('ttl');
        else problems.push(`The TTL ${record.ttl} could not be set; the registrar's default stays.`);
      }
      if (record.priority !== undefined && !spec.priorityInValue && spec.labels.priority) {
        const priorityControl = findControl(doc, spec.labels.priority);
        if (priorityControl) {
          typeIntoControl(priorityControl, String(record.priority));
          filled.push('priority');
        } else problems.push('The priority field was not found.');
      }
      return { filled, problems };
    },
  };
}
