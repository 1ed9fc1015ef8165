// Test helper: an Odoo fixture as a document with the simulated OWL web client (fixtures/odoo-web-client.js) installed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL object: the test environment's global URL is happy-dom's, which node:fs does not accept.
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const webClientSource = readFileSync(join(fixturesDir, 'odoo-web-client.js'), 'utf8');

export type OdooFixture =
  | 'odoo-settings'
  | 'odoo-outgoing-mail-server'
  | 'odoo-incoming-mail-server'
  | 'odoo-alias-domain';

function fixtureMarkup(name: OdooFixture): string {
  return readFileSync(join(fixturesDir, `${name}.html`), 'utf8')
    .replace(/<!doctype[^>]*>/i, '')
    .replace(/<\/?html[^>]*>/gi, '');
}

/** Parses `fixtures/<name>.html` into its own document and runs the simulated web client against it. */
export function loadOdooFixture(name: OdooFixture): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = fixtureMarkup(name);
  new Function('document', webClientSource)(doc);
  return doc;
}

/**
 * Shows the fixture in the test's own global document (the one MutationObserver and timers run against), as Odoo's
 * single-page client swaps screens: the body is replaced, the simulated client installed on the new content.
 * Install it once per test file: its listeners live on the document.
 */
export function showOdooFixtureInGlobalDocument(name: OdooFixture): void {
  const markup = fixtureMarkup(name);
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(markup)?.[1] ?? markup;
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/gi, '');
  document.body.className = 'o_web_client';
  new Function('document', webClientSource)(document);
}

/** The value the simulated framework noticed for a control (null when it noticed nothing). */
export function readNoticedValue(control: Element | null | undefined): string | null {
  return control?.getAttribute('data-framework-value') ?? null;
}
