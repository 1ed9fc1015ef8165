// Tests against a live worker under wrangler dev: a private Postfix instance (Debian's package) relaying to it, the
// CLI's imports and exports.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineProject({
  root: repoRoot,
  test: {
    name: 'live',
    environment: 'node',
    include: ['tests/live/**/*.live.test.ts'],
    // The cases of a file build on each other (the lead, then its reply) and share one worker; one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
