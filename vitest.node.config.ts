// Pure TypeScript (shared/, the CLI, the worker's pure stages) tested in plain Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node',
    environment: 'node',
    include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'worker/**/*.node.test.ts', 'bench/**/*.test.ts'],
    // Not vitest's 5 s: under CI load (2 cores shared with other jobs) a test doing real work (an RSA key, a local
    // server, a CLI child process) can take longer; a test that hangs still fails.
    testTimeout: 30_000,
  },
});
