// WXT build configuration: Preact through its Vite preset, MV3 for Chrome and Firefox, least-privilege manifest.
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import {
  allRegistrarMatchPatterns,
  dohHostPermissions,
  e2eMatchPattern,
  erpMatchPatterns,
} from './registrars/match-patterns.ts';

export default defineConfig({
  manifestVersion: 3,
  // Explicit imports everywhere, so the root `tsc` type-checks the extension without WXT's generated `.wxt/` types.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'mailgate',
    version: '0.1.0',
    description: "Checks your domain's mail DNS records, fills the registrar's form, and configures your ERP.",
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: [...allRegistrarMatchPatterns, ...erpMatchPatterns, ...dohHostPermissions],
    // The gateway's origin is only known when the admin connects it: asked for at that moment.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Chrome lets every other extension message an extension that declares nothing: no extension and no web page
    // may (Firefox has no such key, and lets none through to an extension without an onMessageExternal listener).
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [] } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'mailgate@mailgate.dev',
              strict_min_version: '140.0', // the first ESR that knows data_collection_permissions
              // AMO asks every add-on to declare what it collects: nothing leaves the browser but DNS questions.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    name: 'mailgate',
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // The extension imports ../shared: the sources zip (AMO review) is taken from the repository root.
    sourcesRoot: '..',
    includeSources: ['extension/**', 'shared/**', 'package.json', 'package-lock.json', 'tsconfig.base.json'],
    excludeSources: [
      'extension/.output/**',
      'extension/.wxt/**',
      '**/node_modules/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/fixtures/**',
      '**/testing/**',
      'shared/docs/**',
      'shared/corpora/**',
    ],
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      // The e2e build serves registrar fixtures on 127.0.0.1: the content scripts must run there too.
      for (const contentScript of manifest.content_scripts ?? []) {
        contentScript.matches = [...(contentScript.matches ?? []), e2eMatchPattern];
      }
      manifest.host_permissions = [...(manifest.host_permissions ?? []), e2eMatchPattern];
      // Firefox e2e cannot navigate to moz-extension:// directly: a 127.0.0.1 page opens the popup, so it must be
      // web-accessible there (never in the store builds).
      manifest.web_accessible_resources = [
        ...(manifest.web_accessible_resources ?? []),
        { resources: ['popup.html', 'chunks/*', 'assets/*'], matches: [e2eMatchPattern] },
      ] as typeof manifest.web_accessible_resources;
    },
  },
});
