// One `vitest run` for everything: pure code in Node, the worker inside workerd, the extension with WxtVitest.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['./vitest.node.config.ts', './vitest.worker.config.ts', './extension/vitest.config.ts', './tests/e2e/vitest.config.ts', './tests/live/vitest.config.ts'],
  },
});
