// The worker's tests run inside workerd (@cloudflare/vitest-plugin) with the real D1/R2/Queue bindings of wrangler.toml.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          MAILGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
          REPLY_TOKEN_SECRET: 'test-reply-token-secret',
        },
      },
    }),
  ],
  test: {
    name: 'worker',
    include: ['tests/worker/**/*.test.ts'],
    setupFiles: ['./tests/worker/setup.ts'],
    testTimeout: 30_000,
  },
}));
