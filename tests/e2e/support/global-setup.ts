// Before the e2e files: builds the e2e extension (Chrome and Firefox, `--mode e2e`) once and names the run. After
// them: fails the run if any process it started besides the browsers (wrangler, workerd) still runs, killing it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { extensionRoot, screenshotsDir } from './paths.ts';
import { describeProcesses, isRunning, killMarkedProcesses, listMarkedProcesses } from './run-processes.ts';

function buildExtension(browserArgs: string[]): void {
  // NODE_ENV=production: otherwise the Preact preset emits development JSX with absolute paths.
  execFileSync('npx', ['wxt', 'build', ...browserArgs, '--mode', 'e2e'], {
    cwd: extensionRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export default function setup(project: TestProject): () => Promise<void> {
  buildExtension([]);
  buildExtension(['-b', 'firefox', '--mv3']);
  mkdirSync(screenshotsDir, { recursive: true });
  const runId = `e2e-${process.pid}-${Date.now()}`;
  project.provide('e2eRunId', runId);
  const startedByThisRun = (marker: string) => marker.startsWith(`${runId}/`);
  return async () => {
    const outlived = listMarkedProcesses(startedByThisRun).filter(isRunning);
    if (outlived.length === 0) return;
    const unkillable = await killMarkedProcesses(startedByThisRun, 5000);
    throw new Error(
      `${outlived.length} process(es) started by the e2e run outlived their tests (killed now${unkillable.length > 0 ? `, except ${unkillable.length}` : ''}):\n${describeProcesses(outlived)}`,
    );
  };
}
