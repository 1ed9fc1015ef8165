// One `vitest run` for everything: pure code in Node, the worker inside workerd, the extension with WxtVitest.
import { defineConfig } from 'vitest/config';
import { trustTestCaInWorkerd } from './tests/support/test-ca.ts';

// Before any project loads miniflare: it reads NODE_EXTRA_CA_CERTS once (the SMTP tests' TLS, tests/support/test-ca.ts).
trustTestCaInWorkerd();

export default defineConfig({
  test: {
    projects: [
      './vitest.node.config.ts',
      './vitest.worker.config.ts',
      './extension/vitest.config.ts',
      './tests/e2e/vitest.config.ts',
      './tests/live/vitest.config.ts',
      './tests/smtp/vitest.config.ts',
    ],
  },
});
