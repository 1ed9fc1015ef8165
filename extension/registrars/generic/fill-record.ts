// Fills a page's add-record form for one record, reading the form like a person: find the form by its record-type
// control, choose the type, then tell the fields apart and write each one the way the page writes records.
import type { FillResult, FormFieldName, RecordToFill } from '../registrar-adapter.ts';
import { typeIntoControl } from '../dom/set-control-value.ts';
import { guessZone, isInZone, toFormName, toFullName, type NameStyle } from '../record-name.ts';
import { quoteTxt } from '../../../shared/dns/txt.ts';
import { chooseChoice } from './choice-controls.ts';
import { TYPED_FIELDS } from './describe-control.ts';
import { readRecordTypeOption } from './dns-type-options.ts';
import { AT_SIGN_HINT, BLANK_HINT, SUBDOMAIN_WORDS } from './field-words.ts';
import { readFormFields, type FormFields, type TextField } from './form-fields.ts';
import { locateForm } from './locate-form.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import { listPageRoots } from './page-roots.ts';
import { readZoneFromPage } from './read-zone.ts';
import { setTtl } from './set-ttl.ts';
import { isVisible } from './visibility.ts';

/** What a known registrar's profile can tell the filler that its page does not say. */
export type FillHints = {
  /** The page's name in messages ("Cloudflare", "web"). */
  displayName: string;
  /** What the registrar's "Auto"/"Default" TTL means, in seconds. */
  autoTtlSeconds?: number;
};

/** The form around the type control: its smallest ancestor with at least two visible fields besides it. */
function findFormScope(typeControl: Element): ParentNode {
  for (let node = typeControl.parentElement; node; node = node.parentElement) {
    const fields = Array.from(node.querySelectorAll(TYPED_FIELDS)).filter(
      (field) => !typeControl.contains(field) && isVisible(field),
    );
    if (fields.length >= 2) return node;
  }
  const root = typeControl.getRootNode();
  return root && 'querySelectorAll' in root ? (root as ParentNode) : (typeControl.ownerDocument as Document);
}

/** The names under the zone a text gives as examples (`es. ciao.example.net` → `ciao`), the part before the zone. */
function findPrefixesUnder(text: string, zone: string): string[] {
  const escaped = zone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_.-])((?:[\\p{L}\\p{N}_*-]+\\.)+)${escaped}\\.?(?![\\p{L}\\p{N}-])`,
    'giu',
  );
  return [...text.toLowerCase().matchAll(pattern)].map((match) => (match[1] ?? '').slice(0, -1));
}

/** True when a text also shows a name's prefix on its own: it explains what the name becomes (`mail → mail.example.ru`). */
function showsPrefixAlone(texts: readonly string[], prefix: string): boolean {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alone = new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'iu');
  return texts.some((text) => alone.test(text));
}

/**
 * How the name field wants names, as a person reads the field: in full when its own example is a full name under the
 * zone; relative when it asks for a sub-domain or shows how a short name expands; then `@`/blank for the apex as its
 * hints say, blank before a fixed zone suffix.
 */
function chooseNameStyle(field: TextField, zone: string): NameStyle {
  const { placeholder, hints, suffix, labels } = field.description;
  const said = [placeholder, ...hints];
  const explained = (prefixes: readonly string[]) => prefixes.some((prefix) => showsPrefixAlone(said, prefix));
  const placeholderPrefixes = findPrefixesUnder(placeholder, zone);
  const hintPrefixes = hints.flatMap((hint) => findPrefixesUnder(hint, zone));
  const relativeStyle: NameStyle = said.some((text) => AT_SIGN_HINT.test(text))
    ? 'at-relative'
    : said.some((text) => BLANK_HINT.test(text)) || suffix
      ? 'blank-relative'
      : 'at-relative';
  if (placeholderPrefixes.length > 0 && !explained([...placeholderPrefixes, ...hintPrefixes])) return 'full';
  if ([...labels, ...said].some((text) => SUBDOMAIN_WORDS.test(text)) || explained(hintPrefixes)) return relativeStyle;
  if (hintPrefixes.length > 0) return 'full';
  return relativeStyle;
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

/** Fills the add-record form of the page for `record`; never submits it. */
export async function fillRecordForm(
  doc: Document,
  record: RecordToFill,
  zone: string | undefined,
  hints: FillHints,
): Promise<FillResult> {
  const filled: FormFieldName[] = [];
  const problems: string[] = [];
  const located = await locateForm(doc, record.type);
  let scopes: ParentNode[];
  let typeElement: Element | null = null;
  if (located.kind === 'type-control') {
    const chosen =
      located.chosen ||
      (await chooseChoice(located.control, listPageRoots(doc), (text) => readRecordTypeOption(text) === record.type));
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
    if (!fields.name && !fields.value)
      return { filled, problems: [`No add-record form was found on this ${hints.displayName} page.`] };
    problems.push(`The record type ${record.type} could not be chosen.`);
  }

  const pageZone = zone ?? readZoneFromPage(doc);
  const zoneName =
    pageZone && isInZone(record.name, pageZone) ? pageZone.toLowerCase().replace(/\.$/, '') : guessZone(record.name);
  const conventions = readPageConventions(
    roots,
    fields.value ? [fields.value.description.placeholder, ...fields.value.description.hints] : [],
  );

  if (fields.name) {
    typeIntoControl(
      fields.name.element as HTMLElement,
      toFormName(toFullName(record.name, zoneName), zoneName, chooseNameStyle(fields.name, zoneName)),
    );
    filled.push('name');
  } else problems.push('The name (host) field was not found.');

  if (fields.value) {
    typeIntoControl(fields.value.element as HTMLElement, formatValue(record, conventions, fields));
    filled.push('value');
  } else problems.push('The value field was not found.');

  if (record.ttl !== undefined) {
    if (await setTtl({ scopes, roots, typeControl: typeElement }, fields, record.ttl, hints.autoTtlSeconds))
      filled.push('ttl');
    else problems.push(`The TTL ${record.ttl} could not be set; the registrar's default stays.`);
  }
  if (record.type === 'MX' && record.priority !== undefined && fields.priority && !fields.valueCarriesPriority) {
    typeIntoControl(fields.priority.element as HTMLElement, String(record.priority));
    filled.push('priority');
  }
  return { filled, problems };
}
