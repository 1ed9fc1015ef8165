// What the generic adapter does not fill completely yet on the held-out fixtures, as measured (held-out-fixtures.test.ts,
// the Chromium e2e test, `npm run eval:registrars -- --verbose`). Those kinds run as expected failures; when the adapter
// learns one, its test reports "expected to fail but passed" and the entry is removed here.
import type { FormFieldName } from '../registrar-adapter.ts';
import type { RecordKind } from './sample-records.ts';

/**
 * One field the generic adapter gets wrong on a held-out fixture, the kinds where it does, and why. A field can also be
 * right only because the page started with it while the adapter says it could not set it (`unclaimed`): the tests
 * count the kind as not filled, since the adapter did not fill it.
 */
export type HeldOutWrongField = {
  fixture: string;
  field: FormFieldName;
  kinds: readonly RecordKind[];
  reason: string;
  unclaimed?: true;
};

/**
 * The held-out fixtures whose pages the adapter's author has looked at while fixing it: their figure is no longer
 * a blind one (`npm run eval:registrars` totals them apart as "seen").
 *
 * Closed on 2026-12-05, each by a rule for forms in general (generic/), after the pages were looked at:
 * - linode (type, name, value of TXT/CNAME; "@" for the MX root; TTL): an add button naming record types opens only
 *   its own type's form (locate-form.ts); a field labelled as the sub-domain is left empty for the apex; a TTL text
 *   field with a list of durations (an autocomplete) takes a choice, not typed text (set-ttl.ts).
 * - wix (TTL, unclaimed): a closed dropdown showing a duration is the TTL chooser (form-fields.ts).
 * - desec (type, name, value, priority): "Record Set Type" reads as the type, a text field labelled as the type is a
 *   free-text type field typed into (type-field.ts); "Subname" reads as a sub-domain name, also as a records-list column
 *   (so that the list's quoted TXT sets the page's convention).
 * - plesk (CNAME name/value, MX value/priority): German "Domainname", "kanonischer Name" (Microsoft Terminology
 *   Collection); a chooser of numbers labelled with a priority anywhere in its label is the MX priority.
 * - dnspod (every field): Chinese add buttons and labels (添加记录, 主机记录, 记录值, MX优先级); a focusable element
 *   showing only a record type is a closed type chooser.
 * - webmin (CNAME value): German "wirklicher Name" (an alias's real name) reads as the value.
 * Whatever the adapter still does not fill on them is now said ("… was not filled: <why>"), never claimed
 * (generic/verify-fill.ts).
 */
export const HELD_OUT_SEEN_FIXTURES: readonly string[] = ['linode', 'wix', 'desec', 'plesk', 'dnspod', 'webmin'];

/**
 * The held-out fixtures' fields the generic adapter does not fill yet, one entry per fixture and field: when a field
 * comes right, its entry goes (or loses the kinds that came right); when every field of a kind is right and claimed,
 * the kind's tests say "expected to fail but passed". Empty since 2026-12-05 (see HELD_OUT_SEEN_FIXTURES).
 */
export const HELD_OUT_WRONG_FIELDS: readonly HeldOutWrongField[] = [];

/** The kinds of each fixture that some recorded wrong field keeps from being filled completely. */
function kindsWithWrongFields(entries: readonly HeldOutWrongField[]): Record<string, RecordKind[]> {
  const kinds: Record<string, RecordKind[]> = {};
  for (const entry of entries) {
    const listed = (kinds[entry.fixture] ??= []);
    for (const kind of entry.kinds) if (!listed.includes(kind)) listed.push(kind);
  }
  return kinds;
}

export const HELD_OUT_KNOWN_GAPS: Readonly<Record<string, readonly RecordKind[]>> =
  kindsWithWrongFields(HELD_OUT_WRONG_FIELDS);

/**
 * The kinds where some field holds a value the product does not accept: what a test that judges the page alone (the
 * Chromium test, which does not compare the adapter's claims) sees failing. The fixtures of the per-field record count
 * only their wrong values there, not the fields right by default that the adapter did not claim.
 */
export const HELD_OUT_WRONG_VALUES: Readonly<Record<string, readonly RecordKind[]>> = {
  ...HELD_OUT_KNOWN_GAPS,
  ...Object.fromEntries(HELD_OUT_WRONG_FIELDS.map((entry) => [entry.fixture, []])),
  ...kindsWithWrongFields(HELD_OUT_WRONG_FIELDS.filter((entry) => !entry.unclaimed)),
};
