// Fills a page's add-record form for one record, reading the form like a person: find the form by its record-type
// control, choose the type, then tell the fields apart and write each one the way the page writes records.
import type { FillResult, FormFieldName, RecordToFill } from '../registrar-adapter.ts';
import { typeIntoControl } from '../dom/set-control-value.ts';
import { guessZone, isInZone, toFormName, toFullName, type NameStyle } from '../record-name.ts';
import { quoteTxt } from '../txt-value.ts';
import { chooseChoice, readChoiceOptions, readShownChoice } from './choice-controls.ts';
import { readRecordTypeOption } from './dns-type-options.ts';
import { parseDuration, parseDurationUnit } from './durations.ts';
import { AT_SIGN_HINT, BLANK_HINT } from './field-words.ts';
import { readFormFields, type FormFields, type TextField } from './form-fields.ts';
import { locateForm } from './locate-form.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import { listPageRoots, type PageRoot } from './page-roots.ts';
import { readZoneFromPage } from './read-zone.ts';
import { isVisible } from './visibility.ts';

/** What a known registrar's profile can tell the filler that its page does not say. */
export type FillHints = {
  /** The page's name in messages ("Cloudflare", "web"). */
  displayName: string;
  /** What the registrar's "Auto"/"Default" TTL means, in seconds. */
  autoTtlSeconds?: number;
};

const TEXT_INPUTS = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), textarea';

/** The form around the type control: its smallest ancestor with at least two visible fields besides it. */
function findFormScope(typeControl: Element): ParentNode {
  for (let node = typeControl.parentElement; node; node = node.parentElement) {
    const fields = Array.from(node.querySelectorAll(TEXT_INPUTS)).filter((field) => !typeControl.contains(field) && isVisible(field));
    if (fields.length >= 2) return node;
  }
  const root = typeControl.getRootNode();
  return root && 'querySelectorAll' in root ? (root as ParentNode) : (typeControl.ownerDocument as Document);
}

/** How the name field wants names: in full when its example names the zone, `@`/blank for the apex as it says. */
function chooseNameStyle(field: TextField, zone: string): NameStyle {
  const { placeholder, hints, suffix } = field.description;
  const said = [placeholder, ...hints];
  if (said.some((text) => text.toLowerCase().includes(zone))) return 'full';
  if (said.some((text) => AT_SIGN_HINT.test(text))) return 'at-relative';
  if (said.some((text) => BLANK_HINT.test(text)) || suffix) return 'blank-relative';
  return 'at-relative';
}

function formatTarget(host: string, conventions: PageConventions): string {
  const bare = host.replace(/\.$/, '');
  return conventions.absoluteTargets ? `${bare}.` : bare;
}

/** The value as this page writes it: quoted TXT strings, absolute targets, the MX priority inside when it has no field. */
function formatValue(record: RecordToFill, conventions: PageConventions, fields: FormFields): string {
  if (record.type === 'TXT') return conventions.quoteTxt ? quoteTxt(record.value) : record.value;
  if (record.type !== 'MX' && record.type !== 'CNAME' && record.type !== 'NS') return record.value;
  const target = formatTarget(record.value, conventions);
  const priorityInValue = record.type === 'MX' && (!fields.priority || fields.valueCarriesPriority);
  return priorityInValue ? `${record.priority ?? 10} ${target}` : target;
}

function matchesTtl(text: string, ttl: number, autoTtlSeconds: number | undefined): boolean {
  const seconds = parseDuration(text);
  return seconds === ttl || (seconds === 'auto' && autoTtlSeconds === ttl);
}

/** Types the TTL, in the unit the form shows when it divides the TTL, else in the largest unit that does. */
async function typeTtlWithUnit(field: TextField, fields: FormFields, ttl: number, roots: readonly PageRoot[]): Promise<boolean> {
  const unit = fields.ttlUnit;
  if (!unit) {
    typeIntoControl(field.element as HTMLElement, String(ttl));
    return true;
  }
  const shown = parseDurationUnit(readShownChoice(unit));
  let seconds = shown !== null && ttl % shown === 0 ? shown : null;
  if (seconds === null) {
    const units = (await readChoiceOptions(unit, roots))
      .map((option) => parseDurationUnit(option.text))
      .filter((candidate): candidate is number => candidate !== null && ttl % candidate === 0)
      .sort((a, b) => b - a);
    const largest = units[0];
    if (largest === undefined || !(await chooseChoice(unit, roots, (text) => parseDurationUnit(text) === largest))) return false;
    seconds = largest;
  }
  typeIntoControl(field.element as HTMLElement, String(ttl / seconds));
  return true;
}

async function setTtl(fields: FormFields, ttl: number, roots: readonly PageRoot[], hints: FillHints): Promise<boolean> {
  if (!fields.ttl) return false;
  if (fields.ttl.kind === 'choice') return chooseChoice(fields.ttl.control, roots, (text) => matchesTtl(text, ttl, hints.autoTtlSeconds));
  return typeTtlWithUnit(fields.ttl.field, fields, ttl, roots);
}

/** Fills the add-record form of the page for `record`; never submits it. */
export async function fillRecordForm(doc: Document, record: RecordToFill, zone: string | undefined, hints: FillHints): Promise<FillResult> {
  const filled: FormFieldName[] = [];
  const problems: string[] = [];
  const located = await locateForm(doc, record.type);
  let scopes: ParentNode[];
  let typeElement: Element | null = null;
  if (located.kind === 'type-control') {
    const chosen = located.chosen || (await chooseChoice(located.control, listPageRoots(doc), (text) => readRecordTypeOption(text) === record.type));
    if (chosen) filled.push('type');
    else problems.push(`The record type ${record.type} could not be chosen.`);
    typeElement = located.control.element;
    scopes = [findFormScope(typeElement)];
  } else if (located.kind === 'typed-region') {
    // The section is the form for this type: opening it chose the type.
    filled.push('type');
    scopes = [located.region];
  } else if (located.kind === 'opened-type') {
    filled.push('type');
    scopes = [located.scope];
  } else {
    scopes = listPageRoots(doc);
  }

  const roots = listPageRoots(doc);
  const fields = readFormFields(scopes, roots, typeElement);
  if (located.kind === 'none') {
    if (!fields.name && !fields.value) return { filled, problems: [`No add-record form was found on this ${hints.displayName} page.`] };
    problems.push(`The record type ${record.type} could not be chosen.`);
  }

  const pageZone = zone ?? readZoneFromPage(doc);
  const zoneName = pageZone && isInZone(record.name, pageZone) ? pageZone.toLowerCase().replace(/\.$/, '') : guessZone(record.name);
  const conventions = readPageConventions(roots, fields.value ? [fields.value.description.placeholder, ...fields.value.description.hints] : []);

  if (fields.name) {
    typeIntoControl(fields.name.element as HTMLElement, toFormName(toFullName(record.name, zoneName), zoneName, chooseNameStyle(fields.name, zoneName)));
    filled.push('name');
  } else problems.push('The name (host) field was not found.');

  if (fields.value) {
    typeIntoControl(fields.value.element as HTMLElement, formatValue(record, conventions, fields));
    filled.push('value');
  } else problems.push('The value field was not found.');

  if (record.ttl !== undefined) {
    if (await setTtl(fields, record.ttl, roots, hints)) filled.push('ttl');
    else problems.push(`The TTL ${record.ttl} could not be set; the registrar's default stays.`);
  }
  if (record.type === 'MX' && record.priority !== undefined && fields.priority && !fields.valueCarriesPriority) {
    typeIntoControl(fields.priority.element as HTMLElement, String(record.priority));
    filled.push('priority');
  }
  return { filled, problems };
}
