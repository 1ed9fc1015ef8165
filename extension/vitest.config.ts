// Extension unit tests: WxtVitest (fake browser, WXT's Vite config) in happy-dom, run from the repo root.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const extensionRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineProject({
  root: extensionRoot,
  plugins: [WxtVitest({ root: extensionRoot })],
  test: {
    name: 'extension',
    environment: 'happy-dom',
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.output/**', '.wxt/**'],
    setupFiles: ['./testing/setup.ts'],
    // Not vitest's 5 s: under CI load (2 cores shared with other jobs) rendering and polling tests can take longer; a
    // test that hangs still fails.
    testTimeout: 30_000,
  },
});
