#!/usr/bin/env node
// Thin entry: the CLI lives in dist/src/cli.js (compiled from src/cli.ts by `npm run build`); `check`
// runs from its bundle when the build made one (dist/src/check.bundle.cjs, see src/bundle/load.ts).
// CommonJS, like the bundle and its bundled loader (dist/src/bundle/entry.cjs): a check then never sets up
// Node's ES module loader, which cost about 8 ms of every run. Every other command imports the modules.
'use strict';

// A closed pipe (`agentsmith check | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * The loader of the bundled check: its CommonJS bundle, or its module where the build made none or the
 * bundle does not load whole (a file cut short can still load, without its exports).
 */
async function checkEntry() {
  try {
    const entry = require('../dist/src/bundle/entry.cjs');
    if (typeof entry.loadCheckMain === 'function' && typeof entry.userFolder === 'function') return entry;
  } catch {
    // Not there, or not a script: the module below.
  }
  return import('../dist/src/bundle/entry.js');
}

async function start(argv) {
  // Undefined without a usable bundle (none built, a module changed since, AGENTSMITH_BUNDLE=0): the
  // modules run the check then, as every other command.
  const entry = argv[0] === 'check' ? await checkEntry() : undefined;
  const checkMain = entry?.loadCheckMain();
  const { userFolder } = checkMain ? entry : await import('../dist/src/paths.js');
  process.chdir(userFolder());
  const main = checkMain || (await import('../dist/src/cli.js')).main;
  const write = (stream) => (text) => stream.write(text);
  const drain = () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve());
  const written = () => process.stdout.writableLength === 0;
  return main(argv, { stdout: write(process.stdout), stderr: write(process.stderr), drain, written });
}

const argv = process.argv.slice(2);
start(argv).then((code) => {
  process.exitCode = code;
  // A check is done once its report is written: ending here skips tearing down the heap and the
  // threads one by one (2-7 ms of a 10k check, 25 alternating runs). Output still queued (a pipe
  // that is not synchronous, on macOS) is left to drain by the ordinary exit.
  if (argv[0] === 'check' && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
});
