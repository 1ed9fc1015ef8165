// Fails loudly when the running Node is too old: wrangler, vitest, wxt and mailauth need Node >= 22.12.
// `npm run`/`npm exec` put node_modules/.bin first on PATH, where the pinned `node` package (24.x) lives.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `\nmailgate needs Node >= 22.12 but this is Node ${process.versions.node}.\n` +
      'Run commands through npm (`npm run …`, `npm exec -- …`): they use the Node 24 pinned in devDependencies.\n' +
      'If node_modules/.bin/node is missing, reinstall with `npm ci` (install scripts must be allowed).\n',
  );
  process.exit(1);
}
