// Builds the e2e extension (Chrome and Firefox, `--mode e2e`) once before the e2e files run.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { extensionRoot, screenshotsDir } from './paths.ts';

function buildExtension(browserArgs: string[]): void {
  // NODE_ENV=production: otherwise the Preact preset emits development JSX with absolute paths (toolchain.md).
  execFileSync('npx', ['wxt', 'build', ...browserArgs, '--mode', 'e2e'], {
    cwd: extensionRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export default function setup(): void {
  buildExtension([]);
  buildExtension(['-b', 'firefox', '--mv3']);
  mkdirSync(screenshotsDir, { recursive: true });
}
