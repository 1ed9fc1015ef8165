// The worker's tests run inside workerd (@cloudflare/vitest-plugin) with the real D1/R2/Queue bindings of wrangler.toml.
import { builtinModules } from 'node:module';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { createDohZoneHandler } from './tests/fakes/doh-zone.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/**
 * mailauth's CommonJS dependencies (tldts, libmime, …) are pre-bundled for workerd; Node builtins inside them stay
 * imports of `node:<name>`, which workerd provides under nodejs_compat.
 */
const keepNodeBuiltinsExternal = {
  name: 'mailgate:node-builtins-external',
  resolveId(source: string) {
    const bare = source.startsWith('node:') ? source.slice('node:'.length) : source;
    const root = bare.split('/')[0] ?? bare;
    if (source.startsWith('node:') || NODE_BUILTINS.has(root)) return { id: `node:${bare}`, external: true };
    return null;
  },
};

export type WorkerProjectOptions = {
  name: string;
  include: string[];
  testTimeout: number;
  /** Extra bindings served from Node (miniflare service bindings), e.g. the corpus server of replay:corpora. */
  serviceBindings?: Record<string, (request: Request) => Promise<Response>>;
};

/** A vitest project whose tests run inside workerd with the bindings of wrangler.toml and the test secrets. */
export async function defineWorkerProject(options: WorkerProjectOptions) {
  return defineConfig({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations('./migrations'),
            MAILGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            REPLY_TOKEN_SECRET: 'test-reply-token-secret',
            MAILGATE_CORS_ORIGINS: 'https://admin.mailgate.test',
            MAILGATE_DOH_URL: 'https://doh.test/dns-query',
            // As in production, whatever a developer's .dev.vars says (npm start turns it on for local targets).
            MAILGATE_ALLOW_PRIVATE_TARGETS: '',
            MAILGATE_DATA_BINDINGS: 'DB_2',
            // The Cloudflare account's verified destinations, as an admin would list them.
            MAILGATE_VERIFIED_DESTINATIONS: 'max@customer.example, Zoe@Partner.example, catchall@acme.odoo.com',
            // An Odoo API key an admin stored with `wrangler secret put`, and an unrelated secret of the same Worker
            // (another service's token) that no Odoo target may name.
            ODOO_API_KEY: 'test-odoo-api-key-0123456789',
            BILLING_SERVICE_TOKEN: 'test-unrelated-billing-token-0123456789',
          },
          // The wrangler.toml database, and a second one for the storage seam's test (a domain moved between them).
          d1Databases: { DB: 'mailgate-test', DB_2: 'mailgate-test-2' },
          ...(options.serviceBindings ? { serviceBindings: options.serviceBindings } : {}),
          // The internet's DNS cannot exist here: DNS-over-HTTPS queries of the worker are answered from a test zone.
          outboundService: createDohZoneHandler(
            JSON.parse(readFileSync('./tests/fixtures/dns/test-zone.json', 'utf8')),
          ),
        },
      }),
    ],
    test: {
      name: options.name,
      include: options.include,
      setupFiles: ['./tests/worker/setup.ts'],
      testTimeout: options.testTimeout,
      deps: {
        optimizer: {
          ssr: {
            enabled: true,
            include: ['mailauth', 'mailauth/lib/tools.js'],
            rolldownOptions: { plugins: [keepNodeBuiltinsExternal] },
          },
        },
      },
    },
  });
}

export default defineConfig(() =>
  defineWorkerProject({
    name: 'worker',
    include: ['tests/worker/**/*.test.ts', 'tests/security/**/*.test.ts'],
    testTimeout: 30_000,
  }),
);
