// The table of CLI commands: adding a command is one file in cli/commands/ and one line here.
export type CliCommand = {
  summary: string;
  usage: string;
  /** Returns the exit code. Throws UsageError for bad usage. */
  run(args: string[]): Promise<number>;
};

export const commands: Record<string, () => Promise<CliCommand>> = {
  send: async () => (await import('./commands/send.ts')).command,
  'send-out': async () => (await import('./commands/send-out.ts')).command,
  'check-domain': async () => (await import('./commands/check-domain.ts')).command,
  classify: async () => (await import('./commands/classify.ts')).command,
  'spf-check': async () => (await import('./commands/spf-check.ts')).command,
  'strip-reply': async () => (await import('./commands/strip-reply.ts')).command,
  relay: async () => (await import('./commands/relay.ts')).command,
  'import-mbox': async () => (await import('./commands/import-mbox.ts')).command,
  export: async () => (await import('./commands/export.ts')).command,
  'restore-config': async () => (await import('./commands/restore-config.ts')).command,
  'move-domain': async () => (await import('./commands/move-domain.ts')).command,
};
