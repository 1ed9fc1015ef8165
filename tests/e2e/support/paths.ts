// Where the e2e tests find the built extension, the fixtures, and where they write screenshots.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const extensionRoot = `${repoRoot}extension`;
export const chromeExtensionDir = `${extensionRoot}/.output/chrome-mv3-e2e`;
export const firefoxExtensionDir = `${extensionRoot}/.output/firefox-mv3-e2e`;
export const registrarFixturesDir = `${extensionRoot}/registrars/fixtures`;
export const odooFixturesDir = `${extensionRoot}/odoo/fixtures`;
/** Git-ignored: looked at by people, never compared by the tests. */
export const screenshotsDir = `${repoRoot}tests/e2e/screenshots`;
