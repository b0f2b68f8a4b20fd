#!/usr/bin/env node
// Thin entry: the CLI lives in dist/src/cli.js (compiled from src/cli.ts by `npm run build`); `check`
// runs from its bundle when the build made one (dist/src/check.bundle.cjs, see src/bundle/load.ts).
import { userFolder } from '../dist/src/paths.js';

// A closed pipe (`agentsmith check | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.chdir(userFolder());
const argv = process.argv.slice(2);
const main = (argv[0] === 'check' && (await import('../dist/src/bundle/load.js')).loadCheckMain()) || (await import('../dist/src/cli.js')).main;
const write = (stream) => (text) => stream.write(text);
const drain = () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve());
process.exitCode = await main(argv, { stdout: write(process.stdout), stderr: write(process.stderr), drain });
