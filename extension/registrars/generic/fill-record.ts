// Fills a page's add-record form for one record, reading the form like a person: find the form by its record-type
// control, choose the type, then tell the fields apart and write each one the way the page writes records.
import type { FillResult, FormFieldName, RecordToFill } from '../registrar-adapter.ts';
import { typeIntoControl } from '../dom/set-control-value.ts';
import { guessZone, isInZone, toFormName, toFullName, type NameStyle } from '../record-name.ts';
import { quoteTxt } from '../../../shared/dns/txt.ts';
import { chooseChoice, type ChoiceControl } from './choice-controls.ts';
import { TYPED_FIELDS } from './describe-control.ts';
import { readRecordTypeOption } from './dns-type-options.ts';
import { AT_SIGN_HINT, BLANK_HINT, SUBDOMAIN_WORDS, type FieldRole } from './field-words.ts';
import { listTextFields, readFormFields, readOptionNumber, type FormFields, type TextField } from './form-fields.ts';
import { locateForm } from './locate-form.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import { listPageRoots } from './page-roots.ts';
import { readZoneFromPage } from './read-zone.ts';
import { setTtl, type TtlWritten } from './set-ttl.ts';
import { typeRecordType } from './type-field.ts';
import {
  describeNotFilled,
  doubtFieldChoice,
  doubtFormType,
  doubtPriorityChoice,
  doubtTtlChoice,
  doubtTypeChoice,
  doubtTypeSpecificField,
  doubtWrittenText,
  type WrittenText,
} from './verify-fill.ts';
import { isVisible } from './visibility.ts';

/** The order fields are reported in: the order of a form. */
const FIELD_ORDER: readonly FormFieldName[] = ['type', 'name', 'value', 'ttl', 'priority'];

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
 * hints say, blank before a fixed zone suffix or in a field labelled as the sub-domain.
 */
function chooseNameStyle(field: TextField, zone: string): NameStyle {
  const { placeholder, hints, suffix, labels } = field.description;
  const said = [placeholder, ...hints];
  const explained = (prefixes: readonly string[]) => prefixes.some((prefix) => showsPrefixAlone(said, prefix));
  const placeholderPrefixes = findPrefixesUnder(placeholder, zone);
  const hintPrefixes = hints.flatMap((hint) => findPrefixesUnder(hint, zone));
  // The apex has no sub-domain: a field labelled as one is left empty for it, unless its help asks for `@`.
  const relativeStyle: NameStyle = said.some((text) => AT_SIGN_HINT.test(text))
    ? 'at-relative'
    : said.some((text) => BLANK_HINT.test(text)) || suffix || labels.some((text) => SUBDOMAIN_WORDS.test(text))
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
  const priorityInValue =
    record.type === 'MX' && ((!fields.priority && !fields.priorityChoice) || fields.valueCarriesPriority);
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
  let typeChoice: ChoiceControl | null = null;
  let typedType: WrittenText | null = null;
  if (located.kind === 'type-control') {
    const typeChosen =
      located.chosen ||
      (await chooseChoice(located.control, listPageRoots(doc), (text) => readRecordTypeOption(text) === record.type));
    typeChoice = located.control;
    if (typeChosen) filled.push('type');
    else problems.push(`The record type ${record.type} could not be chosen.`);
    typeElement = located.control.element;
    scopes = [findFormScope(typeElement)];
  } else if (located.kind === 'type-field') {
    await typeRecordType(located.field, record.type, listPageRoots(doc));
    typedType = { field: 'type', element: located.field, text: record.type };
    typeElement = located.field;
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

  // Every field is checked before it is written and read back before it is claimed (verify-fill.ts).
  const chosen = new Map<FieldRole, TextField | null>([
    ['name', fields.name],
    ['value', fields.value],
    ['priority', fields.priority],
  ]);
  const written: WrittenText[] = typedType ? [typedType] : [];
  const write = (field: FormFieldName, role: FieldRole, control: TextField, text: string) => {
    const doubt =
      doubtFieldChoice(control, role, allFields, chosen, located.kind !== 'none') ??
      doubtFormType(control.element, record.type);
    if (doubt) {
      problems.push(describeNotFilled(field, doubt));
      return;
    }
    typeIntoControl(control.element as HTMLElement, text);
    written.push({ field, element: control.element, text });
  };
  const allFields = listTextFields(scopes, typeElement);

  if (fields.name)
    write(
      'name',
      'name',
      fields.name,
      toFormName(toFullName(record.name, zoneName), zoneName, chooseNameStyle(fields.name, zoneName)),
    );
  else problems.push('The name (host) field was not found.');

  if (fields.value) write('value', 'value', fields.value, formatValue(record, conventions, fields));
  else problems.push('The value field was not found.');

  let ttlWritten: TtlWritten | null = null;
  if (record.ttl !== undefined) {
    ttlWritten = await setTtl({ scopes, roots, typeControl: typeElement }, fields, record.ttl, hints.autoTtlSeconds);
    if (!ttlWritten) problems.push(`The TTL ${record.ttl} could not be set; the registrar's default stays.`);
  }
  if (record.type === 'MX' && record.priority !== undefined && fields.priority && !fields.valueCarriesPriority)
    write('priority', 'priority', fields.priority, String(record.priority));
  if (record.type === 'MX' && record.priority !== undefined && fields.priorityChoice && !fields.valueCarriesPriority) {
    const wanted = record.priority;
    const picked = await chooseChoice(fields.priorityChoice, roots, (text) => readOptionNumber(text) === wanted);
    const doubt = picked
      ? doubtPriorityChoice(fields.priorityChoice, wanted)
      : `no option of the priority chooser is ${wanted}`;
    if (doubt) problems.push(describeNotFilled('priority', doubt));
    else filled.push('priority');
  }

  // Read back, once everything is written: a later choice may have re-rendered or reset an earlier field.
  const typeDoubt = typeChoice && filled.includes('type') ? doubtTypeChoice(typeChoice, record.type) : null;
  if (typeDoubt) {
    filled.splice(filled.indexOf('type'), 1);
    problems.push(describeNotFilled('type', typeDoubt));
  }
  if (ttlWritten?.kind === 'text') written.push({ field: 'ttl', element: ttlWritten.element, text: ttlWritten.text });
  else if (ttlWritten?.kind === 'choice') {
    const doubt = doubtTtlChoice(ttlWritten.control, record.ttl as number, hints.autoTtlSeconds);
    if (doubt) problems.push(describeNotFilled('ttl', doubt));
    else filled.push('ttl');
  }
  // A typed type is checked by reading it back like any text; any other type is claimed only when it was chosen.
  const typeNotChosen = located.kind !== 'type-field' && !filled.includes('type');
  const chosenPriorityDoubt = filled.includes('priority') && doubtTypeSpecificField('priority', typeNotChosen);
  if (chosenPriorityDoubt) {
    filled.splice(filled.indexOf('priority'), 1);
    problems.push(describeNotFilled('priority', chosenPriorityDoubt));
  }
  for (const entry of written) {
    const doubt =
      doubtTypeSpecificField(entry.field, typeNotChosen) ??
      doubtFormType(entry.element, record.type) ??
      doubtWrittenText(entry);
    if (doubt) problems.push(describeNotFilled(entry.field, doubt));
    else filled.push(entry.field);
  }
  filled.sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  return { filled, problems };
}
