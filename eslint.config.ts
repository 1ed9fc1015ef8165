// The linter: only rules that catch bugs the type checker does not, type-aware (typescript-eslint) where that matters.
// Formatting is Biome's (biome.json); nothing here is about style.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.output/**',
      '**/.wxt/**',
      '**/.wrangler/**',
      '**/fixtures/**',
      '**/worker-configuration.d.ts',
      '.tmp/**',
      'coverage/**',
      'bench/out/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Type-aware rules need the programs of the three tsconfig.json (Node, workerd, browser).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['tests/live/**'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './worker/tsconfig.json', './extension/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A Worker cancels what is still pending when the handler returns, and a drizzle query that is never awaited
      // never runs (its builders are thenables, hence checkThenables).
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests read JSON answers and SQL rows loosely on purpose; their assertions check the values.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
