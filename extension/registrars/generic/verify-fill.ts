// Checks a fill before it is claimed, the way a careful person re-reads a form before saying "done": each field goes
// into the control whose own words give it that meaning, alone in that meaning, inside a form for the record's type,
// and afterwards holds what was written. A doubt turns a claim into "not filled: <why>": a wrong claim is worse than a
// gap, since the admin trusts "filled" and saves the record.
import type { FormFieldName } from '../registrar-adapter.ts';
import { readShownChoice, type ChoiceControl } from './choice-controls.ts';
import { findRecordTypeWords, readRecordTypeOption } from './dns-type-options.ts';
import { parseDuration } from './durations.ts';
import type { FieldRole } from './field-words.ts';
import { readOptionNumber, type TextField } from './form-fields.ts';
import { composedParent } from './page-roots.ts';
import { readRegionTitle, TITLED_REGIONS } from './region-title.ts';
import { isVisible } from './visibility.ts';

/** What was written into one text control, to be read back before it is claimed. */
export type WrittenText = { field: FormFieldName; element: Element; text: string };

const FIELD_WORDS: Record<FieldRole, string> = {
  type: 'record type',
  name: 'name (host)',
  value: 'value',
  ttl: 'TTL',
  priority: 'priority',
};

/** The problem line for a field left unclaimed. */
export function describeNotFilled(field: FormFieldName, why: string): string {
  return `The ${FIELD_WORDS[field]} was not filled: ${why}.`;
}

/** The words a person reads as the control's name, for messages. */
function nameOf(field: TextField): string {
  const { labels, placeholder, headers, attributeWords } = field.description;
  return labels[0] ?? (placeholder || headers[0] || attributeWords || field.element.tagName.toLowerCase());
}

function precedes(first: Element, second: Element): boolean {
  return (first.compareDocumentPosition(second) & 4) !== 0;
}

/**
 * Why `field` may not be the control for `role` (null when nothing speaks against it): its own words name another
 * meaning; another free control reads as the same meaning (from words a person reads, or both from attributes); placed by position alone, on a page where no form was
 * found by its type, or the value before the name. A control labelled as a name holds the value only after the name's own control (an
 * alias form: "Name", then "Alias name").
 */
export function doubtFieldChoice(
  field: TextField,
  role: FieldRole,
  fields: readonly TextField[],
  chosen: ReadonlyMap<FieldRole, TextField | null>,
  formFound: boolean,
): string | null {
  const name = chosen.get('name') ?? null;
  const said = field.reading?.role;
  if (said && said !== role && field.strength >= 2) {
    const aliasTarget = role === 'value' && said === 'name' && name !== null && precedes(name.element, field.element);
    if (!aliasTarget) return `the field found for it, "${nameOf(field)}", reads as the ${FIELD_WORDS[said]}`;
  }
  const chosenElements = new Set([...chosen.values()].filter((other) => other !== null).map((other) => other.element));
  // Words from attributes (`name="record_comment"`) compete only with words from attributes.
  const rival = said
    ? fields.find(
        (other) =>
          other !== field &&
          !chosenElements.has(other.element) &&
          other.reading?.role === said &&
          other.strength >= Math.min(field.strength, 2),
      )
    : undefined;
  if (rival) return `two fields read as the ${FIELD_WORDS[role]}, "${nameOf(field)}" and "${nameOf(rival)}"`;
  if (!said && !formFound)
    return `no add-record form was found, and nothing names "${nameOf(field)}" as the ${FIELD_WORDS[role]}`;
  if (!said && role === 'value' && name && precedes(field.element, name.element))
    return `the only free field, "${nameOf(field)}", comes before the name`;
  return null;
}

/**
 * Why the control may belong to another record type's form: the nearest titled section, dialog or form around it
 * names record types, and not this one ("Create MX Record" while filling a TXT record).
 */
export function doubtFormType(element: Element, type: string): string | null {
  for (let node = composedParent(element); node; node = composedParent(node)) {
    if (!node.matches(TITLED_REGIONS)) continue;
    const types = findRecordTypeWords(readRegionTitle(node));
    if (types.length === 0) continue;
    return types.includes(type) ? null : `the form it sits in is for ${types.join('/')} records`;
  }
  return null;
}

function readControlText(element: Element): string {
  return 'value' in element ? String((element as HTMLInputElement).value) : (element.textContent ?? '');
}

/** Why a written text control does not hold what was written any more (reset, reformatted, hidden by a re-render). */
export function doubtWrittenText(written: WrittenText): string | null {
  if (!written.element.isConnected || !isVisible(written.element)) return 'its field went away after it was written';
  const shown = readControlText(written.element).trim();
  const wanted = written.text.trim();
  const same =
    shown === wanted ||
    (written.element.getAttribute('type') === 'number' && shown !== '' && Number(shown) === Number(wanted));
  return same ? null : `its field shows "${shown}" instead of "${wanted}"`;
}

/** The option a radio group or button row shows as chosen. */
function findCheckedOption(control: ChoiceControl): string | null {
  const checked = control.options?.find(
    (option) =>
      (option.element as HTMLInputElement).checked === true ||
      ['aria-checked', 'aria-selected', 'aria-pressed'].some((name) => option.element.getAttribute(name) === 'true'),
  );
  return checked ? checked.text : null;
}

/** Why a TTL chooser does not show the duration chosen (null when it does, or when the control cannot say). */
export function doubtTtlChoice(control: ChoiceControl, ttl: number, autoTtlSeconds: number | undefined): string | null {
  const text =
    control.kind === 'radios' || control.kind === 'group' ? findCheckedOption(control) : readShownChoice(control);
  if (text === null) return null;
  const seconds = parseDuration(text);
  // A chooser whose shown text is no duration (a menu button, a wrapper's other words) cannot say: only another
  // duration shown speaks against the choice.
  if (seconds === null || seconds === ttl || (seconds === 'auto' && autoTtlSeconds === ttl)) return null;
  return `the TTL chooser shows "${text}"`;
}

/** Why a priority chooser does not show the priority chosen. */
export function doubtPriorityChoice(control: ChoiceControl, priority: number): string | null {
  const text = readShownChoice(control);
  return readOptionNumber(text) === priority ? null : `the priority chooser shows "${text}"`;
}

/** Why a type chooser shows another type than the record's after it was chosen (null when it does not or cannot say). */
export function doubtTypeChoice(control: ChoiceControl, type: string): string | null {
  // As for the TTL: only another record type shown speaks against the choice (a menu of types shows its own title).
  const text =
    control.kind === 'radios' || control.kind === 'group' ? findCheckedOption(control) : readShownChoice(control);
  const shown = text === null ? null : readRecordTypeOption(text);
  return shown && shown !== type ? `the type chooser shows ${shown}` : null;
}

/**
 * Why a type-specific field (the value, the priority) may belong to another type's form: the record's type could not
 * be chosen (no type chooser was found, or it does not hold the type), so the form shows the fields of whatever type
 * it holds (a value written there may be, say, an A record's address).
 */
export function doubtTypeSpecificField(field: FormFieldName, typeNotChosen: boolean): string | null {
  return typeNotChosen && (field === 'value' || field === 'priority')
    ? "the form's type chooser does not hold the record's type, so this field may be another type's"
    : null;
}
