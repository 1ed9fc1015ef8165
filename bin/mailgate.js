#!/usr/bin/env node
// The `mailgate` command. Node >= 22.12 runs the TypeScript sources directly (type stripping).
import '../scripts/check-node.js';
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
