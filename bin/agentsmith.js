#!/usr/bin/env node
// Thin entry: the CLI lives in dist/src/cli.js (compiled from src/cli.ts by `npm run build`).
import { main, userFolder } from '../dist/src/cli.js';

// A closed pipe (`agentsmith check | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.chdir(userFolder());
const write = (stream) => (text) => stream.write(text);
const drain = () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve());
process.exitCode = await main(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr), drain });
