// Test helper: a registrar fixture as a fresh document with the fixture's simulated framework installed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL object: the test environment's global URL is happy-dom's, which node:fs does not accept.
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const widgetsSource = readFileSync(join(fixturesDir, 'fixture-widgets.js'), 'utf8');

/** Parses `fixtures/<name>.html` into its own document and runs `fixture-widgets.js` against it. */
export function loadFixture(name: string): Document {
  const html = readFileSync(join(fixturesDir, `${name}.html`), 'utf8');
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = html.replace(/<!doctype[^>]*>/i, '').replace(/<\/?html[^>]*>/gi, '');
  new Function('document', widgetsSource)(doc);
  return doc;
}

/** The value the simulated framework noticed for a control (null when it noticed nothing). */
export function readNoticedValue(control: Element | null): string | null {
  return control?.getAttribute('data-framework-value') ?? null;
}
