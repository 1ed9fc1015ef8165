// Test helper: a registrar fixture as a page of its own (a happy-dom window) with the fixture's simulated framework.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

// A path, not a URL object: the test environment's global URL is happy-dom's, which node:fs does not accept.
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const widgetsSource = readFileSync(join(fixturesDir, 'fixture-widgets.js'), 'utf8');

/** Runs `fixture-widgets.js` against a document and against every same-origin frame inside it, as the browser does. */
function installWidgets(doc: Document): void {
  new Function('document', widgetsSource)(doc);
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
    const frameDoc = (frame as HTMLIFrameElement).contentDocument;
    if (frameDoc) installWidgets(frameDoc);
  }
}

/**
 * Parses `fixtures/<name>.html` into its own window (styles apply, `srcdoc` frames load, events have a view) and runs
 * `fixture-widgets.js` against it. The page's own inline scripts run as a browser runs them (a panel's hand-written
 * widget code); external scripts are not loaded: the widgets script stands in for the frameworks.
 */
export function loadFixture(name: string, url = `http://127.0.0.1/${name}.html`): Document {
  const html = readFileSync(join(fixturesDir, `${name}.html`), 'utf8');
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      disableCSSFileLoading: true,
    },
  });
  const doc = window.document as unknown as Document;
  doc.write(html);
  installWidgets(doc);
  return doc;
}

/** The value the simulated framework noticed for a control (null when it noticed nothing). */
export function readNoticedValue(control: Element | null): string | null {
  return control?.getAttribute('data-framework-value') ?? null;
}
