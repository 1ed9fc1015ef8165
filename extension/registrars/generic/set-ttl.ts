// Sets a record's TTL the way the form offers it: a choice of durations, a number (in the unit its chooser shows), or
// a number behind a "Default / custom" switch that a person flips first.
import { clickLikeUser, sleep, typeIntoControl } from '../dom/set-control-value.ts';
import { chooseChoice, readChoiceOptions, readShownChoice, type ChoiceControl } from './choice-controls.ts';
import { parseDuration, parseDurationUnit } from './durations.ts';
import { findSwitchOf } from './field-switch.ts';
import { readFormFields, type FormFields, type TextField } from './form-fields.ts';
import type { PageRoot } from './page-roots.ts';

/** Where the form is: what `readFormFields` needs to read it again after a switch re-rendered it. */
export type FormPlace = { scopes: readonly ParentNode[]; roots: readonly PageRoot[]; typeControl: Element | null };

/** An option that lets the admin give a TTL of their own ("Custom", "Benutzerdefiniert", "Personnalisé"…). */
const CUSTOM_OPTION =
  /custom|manual|other|own value|benutzerdefiniert|eigene|individuell|manuell|personnalis|autre|personalizad|otro|outro|personalizzat|altro|aangepast|handmatig|anders|własn|niestandard|inn[aey]|другое|свой|вручную|задать|カスタム|手動|任意|指定/iu;

/** A text field that offers a list to choose from (ARIA combobox, autocomplete). */
const AUTOCOMPLETE = '[role=combobox], [aria-autocomplete=list], [aria-autocomplete=both]';

/** Time for the page to enable the field its radio switches on. */
const SWITCH_RERENDER_MS = 60;

function matchesTtl(text: string, ttl: number, autoTtlSeconds: number | undefined): boolean {
  const seconds = parseDuration(text);
  return seconds === ttl || (seconds === 'auto' && autoTtlSeconds === ttl);
}

/** What setting the TTL wrote: the text typed into its field, or the choice made (read back before it is claimed). */
export type TtlWritten = { kind: 'text'; element: Element; text: string } | { kind: 'choice'; control: ChoiceControl };

/** Types the TTL, in the unit the form shows when it divides the TTL, else in the largest unit that does. */
async function typeTtl(
  field: TextField,
  unit: ChoiceControl | null,
  ttl: number,
  roots: readonly PageRoot[],
): Promise<TtlWritten | null> {
  const switchRadio = findSwitchOf(field.element);
  if (switchRadio && !switchRadio.checked) {
    clickLikeUser(switchRadio);
    await sleep(SWITCH_RERENDER_MS);
  }
  if (!unit) {
    typeIntoControl(field.element as HTMLElement, String(ttl));
    return { kind: 'text', element: field.element, text: String(ttl) };
  }
  const shown = parseDurationUnit(readShownChoice(unit));
  let seconds = shown !== null && ttl % shown === 0 ? shown : null;
  if (seconds === null) {
    const units = (await readChoiceOptions(unit, roots))
      .map((option) => parseDurationUnit(option.text))
      .filter((candidate): candidate is number => candidate !== null && ttl % candidate === 0)
      .sort((a, b) => b - a);
    const largest = units[0];
    if (largest === undefined || !(await chooseChoice(unit, roots, (text) => parseDurationUnit(text) === largest)))
      return null;
    seconds = largest;
  }
  typeIntoControl(field.element as HTMLElement, String(ttl / seconds));
  return { kind: 'text', element: field.element, text: String(ttl / seconds) };
}

/** True when a choice's option is the way to a TTL of one's own: it says so, or (a radio) it has no words at all. */
function opensOwnValue(control: ChoiceControl, text: string): boolean {
  return (
    CUSTOM_OPTION.test(text) || (control.kind === 'radios' && parseDuration(text) === null && !/\p{L}/u.test(text))
  );
}

/** Sets the TTL; null (the registrar's default stays) when the form offers no way to this duration. */
export async function setTtl(
  place: FormPlace,
  fields: FormFields,
  ttl: number,
  autoTtlSeconds: number | undefined,
): Promise<TtlWritten | null> {
  if (!fields.ttl) return null;
  if (fields.ttl.kind === 'text') {
    // A text field with a list of durations (an autocomplete) takes a choice: typed text that is no option is dropped.
    const field = fields.ttl.field.element;
    const suggestions: ChoiceControl = { kind: 'dropdown', element: field, options: null };
    if (
      field.matches(AUTOCOMPLETE) &&
      (await chooseChoice(suggestions, place.roots, (text) => matchesTtl(text, ttl, autoTtlSeconds)))
    )
      return { kind: 'choice', control: suggestions };
    return typeTtl(fields.ttl.field, fields.ttlUnit, ttl, place.roots);
  }
  const control = fields.ttl.control;
  if (await chooseChoice(control, place.roots, (text) => matchesTtl(text, ttl, autoTtlSeconds)))
    return { kind: 'choice', control };
  // No such duration among the options: the custom one, then the number field it brought.
  if (!(await chooseChoice(control, place.roots, (text) => opensOwnValue(control, text)))) return null;
  const again = readFormFields(place.scopes, place.roots, place.typeControl);
  return again.ttl?.kind === 'text' ? typeTtl(again.ttl.field, again.ttlUnit, ttl, place.roots) : null;
}
