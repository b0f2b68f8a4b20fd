// Build step (npm run build, after tsc): bundle the check into one script and train its V8 code caches.
// See load.ts for why. rolldown is a devDependency: only this step uses it, and the check runs without
// the bundle (from the modules) when rolldown cannot load, say without its native binding.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../paths.js';
import { BUNDLE, CACHE_DIR, ENTRY, MANIFEST, WRITE_CACHE_ENV, type Manifest } from './load.js';
import { trainingAgents } from './training.js';

// No bundle beats a stale one: what an earlier build left goes first.
for (const path of [BUNDLE, ENTRY, MANIFEST, CACHE_DIR]) rmSync(path, { recursive: true, force: true });
/** What this step uses of rolldown, written out so that tsc compiles this file without rolldown too. */
interface Bundler {
  build(options: object): Promise<{ output: ({ type: 'chunk'; code: string; moduleIds: string[] } | { type: 'asset' })[] }>;
}
let rolldown: Bundler;
try {
  const name = 'rolldown';
  rolldown = (await import(name)) as Bundler;
} catch (error) {
  console.warn(`agentsmith build: no bundle for check (rolldown did not load: ${(error as Error).message.split('\n')[0]}); check runs from the modules`);
  process.exit(0);
}
// Node's own modules stay require()s; yaml, zod and handlebars are inlined, each initialized on first use.
const forNode = { platform: 'node', external: [/^node:/], logLevel: 'warn' };
const entry = join(packageRoot, 'dist', 'src', 'check-main.js');
const output = await rolldown.build({
  ...forNode,
  input: entry,
  // Without comments and in ASCII, the 1 MB script is read in 1.5 ms instead of 4-5 (UTF-8 decoding of
  // ASCII takes a fast path); top-level let and const become var (no temporal-dead-zone checks).
  output: { file: BUNDLE, format: 'cjs', codeSplitting: false, comments: false, charset: 'ascii', topLevelVar: true },
});
const chunk = output.output.find((item) => item.type === 'chunk') as { code: string; moduleIds: string[] } | undefined;
if (!chunk) throw new Error('rolldown wrote no bundle');
// Every module of ours is inlined: an import() left over would load a second copy of the module beside the
// bundle's (load.ts lets it resolve, so a Node module imported lazily still works).
const leftOver = /\bimport\((['"])(?!node:)[^'"]+\1\)/.exec(chunk.code);
if (leftOver) throw new Error(`the bundle still imports ${leftOver[0]}: inline it (output.codeSplitting: false) or import it statically`);
// The bin's entry for check (see entry.ts): the loader and the user's folder, as one CommonJS file. It sits
// beside load.js, which finds the bundle from its own location.
const entryOutput = await rolldown.build({
  ...forNode,
  input: join(packageRoot, 'dist', 'src', 'bundle', 'entry.js'),
  output: { file: ENTRY, format: 'cjs', codeSplitting: false, comments: false },
});
const entryChunk = entryOutput.output.find((item) => item.type === 'chunk') as { moduleIds: string[] } | undefined;
if (!entryChunk) throw new Error('rolldown wrote no bin entry');
// Our compiled modules in either file, which a `tsc` run rewrites (a changed loader makes the bin import the
// modules too); the packages inlined from node_modules change only with an npm install, which builds again (prepare).
const inputs = [...new Set([...chunk.moduleIds, ...entryChunk.moduleIds])]
  .map((id) => relative(packageRoot, id).split(sep).join('/'))
  .filter((path) => path.startsWith('dist/'));
const manifest: Manifest = {
  inputs: inputs.map((path) => ({ path, size: statSync(join(packageRoot, path)).size })),
  bundleHash: createHash('sha256').update(chunk.code).digest('hex').slice(0, 32),
};
writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);

// One cache per way the check is started: `npm run check` (its V8 flags) and the bin without flags.
const checkScript = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.check ?? '';
const scriptFlags = checkScript.split(/\s+/).filter((word) => word.startsWith('--'));
mkdirSync(CACHE_DIR, { recursive: true });
const folder = mkdtempSync(join(tmpdir(), 'agentsmith-train-'));
try {
  const agents = join(folder, '.claude', 'agents');
  mkdirSync(agents, { recursive: true });
  for (const [name, text] of await trainingAgents()) writeFileSync(join(agents, name), text);
  for (const flags of [scriptFlags, []]) {
    const run = spawnSync(process.execPath, [...flags, join(packageRoot, 'bin', 'agentsmith.cjs'), 'check', agents, '--format', 'json'], {
      cwd: folder,
      env: { ...process.env, [WRITE_CACHE_ENV]: '1', AGENTSMITH_BUNDLE: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // The training run is also the bundle's smoke test: a check that cannot run fails the build.
    if (run.status !== 0 && run.status !== 1) throw new Error(`the bundled check failed (exit ${run.status}):\n${run.stderr}`);
  }
  if (readdirSync(CACHE_DIR).length !== 2) throw new Error(`the bundled check did not write its code caches into ${CACHE_DIR}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`bundled the check: ${chunk.moduleIds.length} modules (${manifest.inputs.length} of ours), ${(chunk.code.length / 1024).toFixed(0)} KB, 2 code caches`);
