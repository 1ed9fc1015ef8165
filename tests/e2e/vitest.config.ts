// End-to-end tests: the built extension in real Chromium (playwright-core) and Firefox (puppeteer-core over BiDi).
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineProject({
  root: repoRoot,
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    // A browser launch takes seconds on a loaded 2-core machine; one browser at a time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
