#!/usr/bin/env node
// The `scrapifie` binary. Node 22.18+ runs the TypeScript sources directly (type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`scrapifie needs Node 22.18 or newer (this is ${process.version}); run ./run.sh, which brings it.\n`);
  process.exit(4);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
