// Types the record type into a free-text type field (a combobox that takes what is typed, like Vuetify's), then
// takes the suggestion that names exactly that type when the field shows a list of them.
import { clickLikeUser, sleep, typeIntoControl } from '../dom/set-control-value.ts';
import { readVisibleText } from './describe-control.ts';
import { queryAllDeep, type PageRoot } from './page-roots.ts';
import { isVisible } from './visibility.ts';

/** Time for the field's suggestions to render, and for the form to show the fields of the type. */
const RERENDER_MS = 60;

export async function typeRecordType(field: Element, type: string, roots: readonly PageRoot[]): Promise<void> {
  typeIntoControl(field as HTMLElement, type);
  await sleep(RERENDER_MS);
  const suggestion = queryAllDeep(roots, '[role=option]').find(
    (option) => isVisible(option) && readVisibleText(option) === type,
  );
  if (suggestion) {
    clickLikeUser(suggestion);
    await sleep(RERENDER_MS);
  }
}
