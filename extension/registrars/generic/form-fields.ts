// Tells the fields of an add-record form apart once the form is found: name, value, TTL (and its unit), priority.
// Labels are read in every supported language; a zone suffix, an `@` hint or the position in the row decide when
// the labels do not.
import { findChoiceControls, readShownChoice, type ChoiceControl } from './choice-controls.ts';
import { describeControl, readAllLabels, type ControlDescription } from './describe-control.ts';
import { isDurationList, parseDuration, parseDurationUnit } from './durations.ts';
import {
  AT_SIGN_HINT,
  BLANK_HINT,
  mentionsRole,
  readLabelRole,
  type FieldRole,
  type LabelReading,
} from './field-words.ts';
import type { PageRoot } from './page-roots.ts';
import { findSwitchOf } from './field-switch.ts';
import { isVisible } from './visibility.ts';

const TEXT_CONTROLS =
  'input:not([type]), input[type=text], input[type=number], input[type=url], input[type=search], input[type=email], input[type=tel], textarea, [contenteditable=true]';

export type TextField = {
  element: Element;
  description: ControlDescription;
  reading: LabelReading | null;
  strength: number;
};

export type FormFields = {
  name: TextField | null;
  value: TextField | null;
  /** The value field also carries the MX priority ("Preference and mail server"). */
  valueCarriesPriority: boolean;
  ttl: { kind: 'text'; field: TextField } | { kind: 'choice'; control: ChoiceControl } | null;
  /** A chooser of seconds/minutes/hours/days next to a TTL typed as a number. */
  ttlUnit: ChoiceControl | null;
  priority: TextField | null;
  /** The MX priority as a choice of numbers ("high (10)", "20"…), when the form offers no field to type it. */
  priorityChoice: ChoiceControl | null;
};

/**
 * The role a control's own words give it, and how sure that is: 3 for its label, 2 for its placeholder (what a
 * person reads inside the field beats the column it sits in), the column header, an `@`/blank hint or a zone suffix,
 * 1 for attribute words.
 */
function readRole(description: ControlDescription): { reading: LabelReading | null; strength: number } {
  const sources: ReadonlyArray<readonly [readonly string[], number]> = [
    [description.labels, 3],
    [[description.placeholder], 2],
    [description.headers, 2],
  ];
  for (const [texts, strength] of sources) {
    for (const text of texts) {
      const reading = readLabelRole(text);
      if (reading) return { reading, strength };
    }
  }
  if (description.suffix || AT_SIGN_HINT.test(description.placeholder) || BLANK_HINT.test(description.placeholder)) {
    return { reading: { role: 'name', priorityInside: false }, strength: 2 };
  }
  const fromAttributes = readLabelRole(description.attributeWords);
  return fromAttributes ? { reading: fromAttributes, strength: 1 } : { reading: null, strength: 0 };
}

function isEditable(element: Element): boolean {
  return (
    isVisible(element) &&
    !element.hasAttribute('readonly') &&
    !element.hasAttribute('disabled') &&
    element.getAttribute('aria-readonly') !== 'true'
  );
}

/** The text fields of a form (or of the page when no form was found), described. */
export function listTextFields(scopes: readonly ParentNode[], exclude: Element | null): TextField[] {
  const elements = scopes.flatMap((scope) => Array.from(scope.querySelectorAll(TEXT_CONTROLS)));
  return elements
    .filter((element) => isEditable(element) && !(exclude && (exclude.contains(element) || element.contains(exclude))))
    .map((element) => {
      const description = describeControl(element);
      return { element, description, ...readRole(description) };
    });
}

function best(fields: readonly TextField[], role: FieldRole, taken: ReadonlySet<Element>): TextField | null {
  const candidates = fields.filter((field) => field.reading?.role === role && !taken.has(field.element));
  candidates.sort((a, b) => b.strength - a.strength);
  return candidates[0] ?? null;
}

function precedes(first: Element, second: Element): boolean {
  return (first.compareDocumentPosition(second) & 4) !== 0;
}

/**
 * The text field written right before a unit chooser (`[ 1 ] [hours ▾]`), in its box or the box before; a disabled one
 * counts when a radio before it switches it on (`( ) [____] [seconds ▾]`).
 */
function findNumberBefore(unit: Element, taken: ReadonlySet<Element>): TextField | null {
  let node: Element | null = unit;
  for (let depth = 0; node && depth < 3; depth += 1, node = node.parentElement) {
    for (let previous = node.previousElementSibling; previous; previous = previous.previousElementSibling) {
      const field = previous.matches(TEXT_CONTROLS) ? previous : null;
      if (!field) {
        if (previous.querySelector(TEXT_CONTROLS)) return null;
        continue;
      }
      const usable = isEditable(field) || (isVisible(field) && findSwitchOf(field) !== null);
      if (!usable || taken.has(field)) return null;
      const description = describeControl(field);
      return { element: field, description, ...readRole(description) };
    }
  }
  return null;
}

/** The single number an option names (`hoch (10)` → 10), or null. */
export function readOptionNumber(text: string): number | null {
  const numbers = text.match(/\d+/g);
  return numbers?.length === 1 ? Number(numbers[0]) : null;
}

/** A chooser labelled with a priority whose options are numbers. */
function isPriorityChoice(control: ChoiceControl): boolean {
  const options = control.options ?? [];
  const numbered = options.filter((option) => readOptionNumber(option.text) !== null).length;
  return (
    options.length >= 2 &&
    numbered >= options.length * 0.6 &&
    readAllLabels(control.element).some((label) => mentionsRole(label, 'priority'))
  );
}

function isNumeric(field: TextField): boolean {
  return field.element.getAttribute('type') === 'number';
}

/** Reads the fields of the form in `scopes`; `typeControl` is left out. */
export function readFormFields(
  scopes: readonly ParentNode[],
  roots: readonly PageRoot[],
  typeControl: Element | null,
): FormFields {
  const fields = listTextFields(scopes, typeControl);
  const taken = new Set<Element>();
  const take = (field: TextField | null) => {
    if (field) taken.add(field.element);
    return field;
  };
  const inScope = (control: ChoiceControl) =>
    scopes.some((scope) => scope.contains(control.element)) &&
    control.element !== typeControl &&
    !(typeControl && typeControl.contains(control.element));
  const choices = findChoiceControls(roots).filter(inScope);
  const isUnitChooser = (control: ChoiceControl) =>
    (control.options ?? []).filter((option) => parseDurationUnit(option.text) !== null).length >= 2;
  const ttlUnit =
    choices.find(isUnitChooser) ??
    choices.find(
      (control) =>
        control.options === null &&
        readAllLabels(control.element).some((label) =>
          /\b(unit|einheit|unité|unidad|unidade|unità|eenheid|jednostka)\b|単位/i.test(label),
        ),
    ) ??
    null;

  const value = take(best(fields, 'value', taken));
  const name = take(best(fields, 'name', taken));
  const priority = take(best(fields, 'priority', taken));
  // A number right before a chooser of seconds/minutes/hours is a duration, whatever it is called.
  const ttlField = take(best(fields, 'ttl', taken) ?? (ttlUnit ? findNumberBefore(ttlUnit.element, taken) : null));

  // By position, as a person reads a row: the first free text field is the name, the next one the value.
  const free = fields.filter((field) => !taken.has(field.element) && !isNumeric(field) && field.reading === null);
  const resolvedName = name ?? take(free.shift() ?? null);
  // Two fields named as names (an alias form: "Name" and "Real name"): the first is the record's, the second its target.
  const secondName = fields.find(
    (field) =>
      field.reading?.role === 'name' &&
      !taken.has(field.element) &&
      resolvedName !== null &&
      precedes(resolvedName.element, field.element),
  );
  const resolvedValue =
    value ??
    take(
      fields.find((field) => !taken.has(field.element) && field.element.tagName === 'TEXTAREA') ??
        free.shift() ??
        secondName ??
        null,
    );

  const ttlChoice = choices.find(
    (control) =>
      control !== ttlUnit &&
      ((control.options && isDurationList(control.options.map((option) => option.text))) ||
        // A closed dropdown showing a duration ("1 Hour"): its list, rendered on click, is one of durations.
        (control.options === null && typeof parseDuration(readShownChoice(control)) === 'number') ||
        readAllLabels(control.element).some((label) => readLabelRole(label)?.role === 'ttl')),
  );
  const ttl = ttlField
    ? { kind: 'text' as const, field: ttlField }
    : ttlChoice
      ? { kind: 'choice' as const, control: ttlChoice }
      : null;
  return {
    name: resolvedName,
    value: resolvedValue,
    valueCarriesPriority: resolvedValue?.reading?.priorityInside ?? false,
    ttl,
    ttlUnit: ttl?.kind === 'text' ? ttlUnit : null,
    priority,
    priorityChoice: priority ? null : (choices.find(isPriorityChoice) ?? null),
  };
}
