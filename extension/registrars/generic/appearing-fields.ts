// Notices the fields a click brought up, as a person sees a form appear (a dialog, a new step, a frame's new page),
// and takes the form around them as the place to fill.
import { sleep } from '../dom/set-control-value.ts';
import { TYPED_FIELDS } from './describe-control.ts';
import { listPageRoots, queryAllDeep } from './page-roots.ts';
import { isVisible } from './visibility.ts';

/** The boxes a form lives in, innermost first: what is around the fields belongs to them (a TTL, a priority). */
const FORM_BOXES = 'form, dialog, [role=dialog], [aria-modal=true], fieldset, [role=tabpanel]';
/** How long a form may take to appear after a click, and to finish rendering once it started. */
const APPEAR_WAIT_MS = 2000;
const SETTLE_MS = 80;
const POLL_MS = 25;

/** Every text field a person can type into right now, in every root of the page. */
export function listTypableFields(doc: Document): Element[] {
  return queryAllDeep(listPageRoots(doc), TYPED_FIELDS).filter(
    (field) => isVisible(field) && !field.hasAttribute('disabled') && !field.hasAttribute('readonly'),
  );
}

/** Waits for text fields that were not there (or not visible) `before`; the new ones, empty when none came. */
export async function waitForNewFields(doc: Document, before: ReadonlySet<Element>): Promise<Element[]> {
  const deadline = Date.now() + APPEAR_WAIT_MS;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (listTypableFields(doc).some((field) => !before.has(field))) {
      await sleep(SETTLE_MS);
      return listTypableFields(doc).filter((field) => !before.has(field));
    }
  }
  return [];
}

/** The form around some fields: the innermost form-like box holding them all, else their nearest common ancestor. */
export function findScopeOf(fields: readonly Element[]): ParentNode | null {
  const first = fields[0];
  if (!first) return null;
  let common: Element | null = first.parentElement;
  while (common && !fields.every((field) => common?.contains(field))) common = common.parentElement;
  if (!common) return first.parentElement;
  return common.closest(FORM_BOXES) ?? common;
}
