// POST /api/smtp-test inside workerd against a real Postfix on 127.0.0.1 (started by global-setup.ts): its own project,
// so that only these tests start Postfix. workerd trusts the run's test CA (tests/support/test-ca.ts) before it starts.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { trustTestCaInWorkerd } from '../support/test-ca.ts';
import { SMTP_TEST_PORTS_VARIABLE } from './ports.ts';
import { pickSmtpTestPorts, smtpServersUnavailableReason } from './servers.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineProject(async () => {
  trustTestCaInWorkerd();
  // Loaded after the CA is in place: miniflare reads NODE_EXTRA_CA_CERTS when it is first loaded.
  const { cloudflareTest, readD1Migrations } = await import('@cloudflare/vitest-plugin');
  // The worker project's module handling (mailauth pre-bundled for workerd), shared rather than copied.
  const workerConfig = (await import('../../vitest.worker.config.ts')).default;
  const workerProject = await workerConfig({ command: 'serve', mode: 'test' });
  const unavailable = smtpServersUnavailableReason();
  // Picked once per run (the config may load more than once): the global setup starts the servers on these ports, the
  // tests inside workerd read them from a binding.
  process.env[SMTP_TEST_PORTS_VARIABLE] ??= JSON.stringify(await pickSmtpTestPorts());
  return {
    root: repoRoot,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations(`${repoRoot}migrations`),
            MAILGATE_ADMIN_TOKEN: 'test-admin-token-0123456789',
            REPLY_TOKEN_SECRET: 'test-reply-token-secret',
            // The servers are on 127.0.0.1: allowed here only, as in development.
            MAILGATE_ALLOW_PRIVATE_TARGETS: 'true',
            // Each step's wait (production's is longer): enough for a Postfix smtpd started on demand on a loaded
            // machine, short enough for the silent listener's test (the greeting wait, then a TLS probe of up to 4 s).
            MAILGATE_SMTP_TEST_STEP_TIMEOUT_MS: '4000',
            SMTP_TESTS_SKIPPED: unavailable ?? '',
            SMTP_TEST_PORTS: process.env[SMTP_TEST_PORTS_VARIABLE],
          },
        },
      }),
    ],
    test: {
      name: 'smtp',
      include: ['tests/smtp/**/*.test.ts'],
      setupFiles: ['./tests/worker/setup.ts'],
      globalSetup: ['./tests/smtp/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      deps: workerProject.test?.deps,
    },
  };
});
