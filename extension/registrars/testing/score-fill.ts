// Judges a filled fixture: reads what the page's simulated framework holds for each field and compares it with
// what the registrar accepts (its answer key). Used by the unit tests and by `npm run eval:registrars`.
import type { FormFieldName, RecordToFill } from '../registrar-adapter.ts';
import { quoteTxt, TXT_STRING_MAX_OCTETS } from '../txt-value.ts';
import type { RecordKind } from './sample-records.ts';

/**
 * Where a field's state is read: a CSS selector, with ` >>> ` stepping into the open shadow root or the frame
 * document of the element before it. `checked` reads the value of the checked radio the selector matches.
 */
export type FieldProbe = { selector: string; read?: 'noticed' | 'checked' };

export type FixtureAnswer = {
  fixture: string;
  /** What the page is a reconstruction of, and in which UI style (printed by the evaluation). */
  style: string;
  /** A URL the dedicated adapter matches; absent for pages only the generic adapter ever sees. */
  url?: string;
  zone: string;
  kinds: readonly RecordKind[];
  probes: { type: FieldProbe; name: FieldProbe; value: FieldProbe; ttl?: FieldProbe; priority?: FieldProbe };
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

function stepInto(element: Element): ParentNode | null {
  if (element.shadowRoot) return element.shadowRoot;
  return (element as HTMLIFrameElement).contentDocument ?? null;
}

/** The element a probe selector designates, through shadow roots and frames. */
export function queryProbe(doc: Document, selector: string): Element | null {
  let scope: ParentNode | null = doc;
  let found: Element | null = null;
  for (const step of selector.split(' >>> ')) {
    found = scope?.querySelector(step) ?? null;
    if (!found) return null;
    scope = stepInto(found);
  }
  return found;
}

/** What the framework holds: the value it noticed, else the control's initial value (it never saw a change). */
export function readProbe(doc: Document, probe: FieldProbe): string | null {
  if (probe.read === 'checked') {
    const checked = queryProbe(doc, `${probe.selector}:checked`);
    return checked?.getAttribute('value') ?? null;
  }
  const element = queryProbe(doc, probe.selector);
  if (!element) return null;
  const noticed = element.getAttribute('data-framework-value');
  if (noticed !== null) return noticed;
  if (element.tagName === 'TEXTAREA') return (element as HTMLTextAreaElement).defaultValue;
  if (element.tagName === 'INPUT') return element.getAttribute('value') ?? '';
  if (element.tagName === 'SELECT') {
    const options = Array.from((element as HTMLSelectElement).options);
    const initial = options.find((option) => option.hasAttribute('selected')) ?? options[0];
    return initial?.value ?? null;
  }
  return null;
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
  if (record.type === 'MX' && answer.accepts.mxPriority === 'value') return targets.map((target) => `${record.priority} ${target}`);
  return targets;
}

/** The fields this form should end up holding for the record: the TTL where it has one, the priority for MX. */
export function expectedFields(record: RecordToFill, answer: FixtureAnswer): FormFieldName[] {
  const fields: FormFieldName[] = ['type', 'name', 'value'];
  if (answer.probes.ttl && record.ttl !== undefined) fields.push('ttl');
  if (record.type === 'MX' && answer.accepts.mxPriority === 'field') fields.push('priority');
  return fields;
}

/** Per expected field, whether the page now holds an accepted value for it. */
export function scoreFill(doc: Document, answer: FixtureAnswer, record: RecordToFill): Partial<Record<FormFieldName, boolean>> {
  const score: Partial<Record<FormFieldName, boolean>> = {};
  const read = (probe: FieldProbe | undefined) => (probe ? readProbe(doc, probe) : null);
  for (const field of expectedFields(record, answer)) {
    const held = read(answer.probes[field]);
    if (held === null) {
      score[field] = false;
      continue;
    }
    if (field === 'type') score[field] = new RegExp(`^${record.type}(\\b|$)`, 'i').test(held.trim());
    if (field === 'name') score[field] = acceptedNames(record, answer).includes(held);
    if (field === 'value') score[field] = acceptedValues(record, answer).includes(held);
    if (field === 'ttl') score[field] = answer.accepts.ttl3600.includes(held.trim());
    if (field === 'priority') score[field] = held.trim() === String(record.priority);
  }
  return score;
}
