// Launches Debian's Chromium with the e2e build of the extension loaded, or says why it cannot.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromeExtensionDir } from './paths.ts';

export const CHROMIUM_PATH = process.env.MAILGATE_CHROMIUM ?? '/usr/bin/chromium';

export type ExtensionChromium = { context: BrowserContext; extensionId: string; close(): Promise<void> };

/** The running browser, or a sentence saying why none could be started (the tests are then skipped with it). */
export async function launchExtensionChromium(extraArgs: string[] = []): Promise<ExtensionChromium | string> {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  const profileDir = mkdtempSync(join(tmpdir(), 'mailgate-e2e-chromium-'));
  let launched: BrowserContext | undefined;
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      // Generous: on a loaded 2-core machine a browser start can take tens of seconds.
      timeout: 90_000,
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 800 },
      args: [
        `--disable-extensions-except=${chromeExtensionDir}`,
        `--load-extension=${chromeExtensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...extraArgs,
      ],
    });
    launched = context;
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 60_000 }));
    const extensionId = new URL(worker.url()).host;
    return {
      context,
      extensionId,
      close: async () => {
        await context.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // A browser that started but whose extension did not come up is not left running.
    await launched?.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
    return `Chromium could not be launched: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}
