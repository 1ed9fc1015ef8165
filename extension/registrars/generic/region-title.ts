// Reads the title a person sees on a section, dialog or form: its aria label, the element that labels it, its heading.
import { readVisibleText } from './describe-control.ts';
import { findByIdNear } from './page-roots.ts';

/** Parts of a page that carry a title of their own and hold a form (or are one). */
export const TITLED_REGIONS = 'section, fieldset, form, [role=region], [role=dialog], details, article';

export function readRegionTitle(region: Element): string {
  const heading = region.querySelector('h1, h2, h3, h4, h5, h6, legend, summary, [role=heading]');
  const labelledBy = region.getAttribute('aria-labelledby');
  const labelled = labelledBy ? findByIdNear(region, labelledBy) : null;
  return [
    region.getAttribute('aria-label') ?? '',
    labelled ? readVisibleText(labelled) : '',
    heading ? readVisibleText(heading) : '',
  ].join(' ');
}
