// Judges a filled fixture: reads what the page's simulated framework holds for each field and compares it with
// what the registrar accepts (its answer key). Used by the unit tests and by `npm run eval:registrars`.
import type { FormFieldName, RecordToFill } from '../registrar-adapter.ts';
import { quoteTxt, TXT_STRING_MAX_OCTETS } from '../../../shared/dns/txt.ts';
import type { RecordKind } from './sample-records.ts';

/**
 * Where a field's state is read: a CSS selector, with ` >>> ` stepping into the open shadow root or the frame
 * document of the element before it, and `{type}` standing for the record type in lower case (pages with one form
 * per type). `checked` reads the value of the checked radio the selector matches; `unit` names a TTL unit chooser
 * whose state is appended to the number (`60 minutes`).
 */
export type FieldProbe = { selector: string; read?: 'noticed' | 'checked'; unit?: string };

export type FixtureAnswer = {
  fixture: string;
  /** What the page is a reconstruction of, and in which UI style (printed by the evaluation). */
  style: string;
  /** A URL the dedicated adapter matches; absent for pages only the generic adapter ever sees. */
  url?: string;
  zone: string;
  kinds: readonly RecordKind[];
  /** Where each field's state is read; no `type` for pages with one form per record type (the form is the choice). */
  probes: { type?: FieldProbe; name: FieldProbe; value: FieldProbe; ttl?: FieldProbe; priority?: FieldProbe };
  /** What the form accepts, from the product's documentation (cited in the fixtures' README). */
  accepts: {
    /** The apex as the name field wants it: `@`, empty, or the zone itself. */
    apex: readonly string[];
    /** Names below the apex: relative to the zone (`_dmarc`) and/or fully qualified. */
    names: readonly ('relative' | 'full')[];
    /** TXT of at most 255 octets, and longer: as it is (`plain`) and/or as quoted 255-octet strings. */
    txtShort: readonly ('plain' | 'quoted')[];
    txtLong: readonly ('plain' | 'quoted')[];
    /** MX/CNAME targets as given and/or absolute with a final dot. */
    target: readonly ('as-is' | 'absolute')[];
    /** The MX priority in its own field, or before the host in the value (`10 mx.example.com`). */
    mxPriority: 'field' | 'value';
    /** What the TTL control holds for 3600 seconds (an option's value or text, or the number typed). */
    ttl3600: readonly string[];
  };
};

/**
 * What the page's framework holds for each probe: the value it noticed, else the control's initial value (it never
 * saw a change), else the text the element shows. Self-contained (no imports, no outer names) so that the browser
 * tests can run it inside the page.
 */
export function readHeldValues(probes: Record<string, FieldProbe>, page?: Document): Record<string, string | null> {
  const doc = page ?? document;
  const query = (selector: string): Element | null => {
    let scope: ParentNode | null = doc;
    let found: Element | null = null;
    for (const step of selector.split(' >>> ')) {
      found = scope?.querySelector(step) ?? null;
      if (!found) return null;
      scope = found.shadowRoot ?? (found as HTMLIFrameElement).contentDocument ?? null;
    }
    return found;
  };
  const read = (selector: string, mode: string | undefined): string | null => {
    if (mode === 'checked') return query(`${selector}:checked`)?.getAttribute('value') ?? null;
    const element = query(selector);
    // A disabled control is not submitted with its form: whatever it shows, the product receives nothing from it.
    if (!element || (element as HTMLInputElement).disabled === true) return null;
    const noticed = element.getAttribute('data-framework-value');
    if (noticed !== null) return noticed;
    if (element.tagName === 'TEXTAREA') return (element as HTMLTextAreaElement).defaultValue;
    if (element.tagName === 'INPUT') return element.getAttribute('value') ?? '';
    if (element.tagName === 'SELECT') {
      const options = Array.from((element as HTMLSelectElement).options);
      return (options.find((option) => option.hasAttribute('selected')) ?? options[0])?.value ?? null;
    }
    return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const held: Record<string, string | null> = {};
  for (const [field, probe] of Object.entries(probes)) {
    const value = read(probe.selector, probe.read);
    held[field] = probe.unit && value !== null ? `${value} ${read(probe.unit, undefined) ?? ''}`.trim() : value;
  }
  return held;
}

/** The probes of an answer for one record (the `{type}` of one-form-per-type pages filled in, in the unit's selector too). */
export function resolveProbes(answer: FixtureAnswer, record: RecordToFill): Partial<Record<FormFieldName, FieldProbe>> {
  const resolved: Partial<Record<FormFieldName, FieldProbe>> = {};
  for (const [field, probe] of Object.entries(answer.probes) as [FormFieldName, FieldProbe][]) {
    const forType = (selector: string) => selector.replaceAll('{type}', record.type.toLowerCase());
    resolved[field] = {
      ...probe,
      selector: forType(probe.selector),
      ...(probe.unit ? { unit: forType(probe.unit) } : {}),
    };
  }
  return resolved;
}

function acceptedNames(record: RecordToFill, answer: FixtureAnswer): string[] {
  if (record.name === answer.zone) return [...answer.accepts.apex];
  const relative = record.name.slice(0, -(answer.zone.length + 1));
  return answer.accepts.names.map((style) => (style === 'relative' ? relative : record.name));
}

function acceptedTargets(host: string, answer: FixtureAnswer): string[] {
  return answer.accepts.target.map((style) => (style === 'absolute' ? `${host}.` : host));
}

function acceptedValues(record: RecordToFill, answer: FixtureAnswer): string[] {
  if (record.type === 'TXT') {
    const long = new TextEncoder().encode(record.value).length > TXT_STRING_MAX_OCTETS;
    const styles = long ? answer.accepts.txtLong : answer.accepts.txtShort;
    return styles.map((style) => (style === 'quoted' ? quoteTxt(record.value) : record.value));
  }
  const targets = acceptedTargets(record.value, answer);
  if (record.type === 'MX' && answer.accepts.mxPriority === 'value')
    return targets.map((target) => `${record.priority} ${target}`);
  return targets;
}

/** The fields this form should end up holding for the record: the type where it has a chooser, the TTL where it has one, the priority for MX. */
export function expectedFields(record: RecordToFill, answer: FixtureAnswer): FormFieldName[] {
  const fields: FormFieldName[] = [];
  if (answer.probes.type) fields.push('type');
  fields.push('name', 'value');
  if (answer.probes.ttl && record.ttl !== undefined) fields.push('ttl');
  if (record.type === 'MX' && answer.accepts.mxPriority === 'field') fields.push('priority');
  return fields;
}

/** Per expected field, whether the value the page holds is one the product accepts. */
export function judgeHeldValues(
  held: Record<string, string | null>,
  answer: FixtureAnswer,
  record: RecordToFill,
): Partial<Record<FormFieldName, boolean>> {
  const score: Partial<Record<FormFieldName, boolean>> = {};
  for (const field of expectedFields(record, answer)) {
    const value = held[field] ?? null;
    if (value === null) score[field] = false;
    else if (field === 'type') score[field] = new RegExp(`^${record.type}(\\b|$)`, 'i').test(value.trim());
    else if (field === 'name') score[field] = acceptedNames(record, answer).includes(value);
    else if (field === 'value') score[field] = acceptedValues(record, answer).includes(value);
    else if (field === 'ttl') score[field] = answer.accepts.ttl3600.includes(value.trim());
    else score[field] = value.trim() === String(record.priority);
  }
  return score;
}

/** Per expected field, whether the page now holds an accepted value for it. */
export function scoreFill(
  doc: Document,
  answer: FixtureAnswer,
  record: RecordToFill,
): Partial<Record<FormFieldName, boolean>> {
  return judgeHeldValues(
    readHeldValues(resolveProbes(answer, record) as Record<string, FieldProbe>, doc),
    answer,
    record,
  );
}
