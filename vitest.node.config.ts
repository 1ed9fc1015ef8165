// Pure TypeScript (shared/, the CLI, the worker's pure stages) tested in plain Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node',
    environment: 'node',
    include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'worker/**/*.node.test.ts', 'bench/**/*.test.ts'],
  },
});
