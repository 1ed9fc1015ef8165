// The zone (domain) a DNS page manages, as its headings, breadcrumb or title show it, in any of the page's parts.
import { readVisibleText } from './describe-control.ts';
import { listPageRoots } from './page-roots.ts';

const DOMAIN_TOKEN =
  /(?:^|[^\p{L}\p{N}.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})\.?(?![\p{L}\p{N}-])/iu;
const PLACES = 'h1, h2, nav [aria-current], title';

/** The first domain-like token in the headings, breadcrumb or title (document first, then frames and shadow roots). */
export function readZoneFromPage(doc: Document): string | null {
  const marked = doc.querySelector('[data-zone]')?.getAttribute('data-zone');
  if (marked) return marked.toLowerCase();
  for (const root of listPageRoots(doc)) {
    for (const place of Array.from(root.querySelectorAll(PLACES))) {
      const token = DOMAIN_TOKEN.exec(readVisibleText(place) || (place.textContent ?? ''))?.[1];
      if (token) return token.toLowerCase();
    }
  }
  return null;
}
