// Test helper of the CLI's commands: what a command printed on stdout, line by line (stderr silenced).
import { vi } from 'vitest';

export function captureStdout(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return lines;
}
