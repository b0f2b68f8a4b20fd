import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, Script } from 'node:vm';
import type { Io } from '../cli.js';

/**
 * The check, bundled into one script and compiled from a V8 code cache (see build.ts). Loading the check
 * as 130 ES modules cost about 40 ms of each run; the bundle is read, compiled from its cache and run in
 * about 12 (5 of them reading and compiling), and starts with the bytecode of the functions a check
 * runs, so the first files are not compiled either.
 * Node 20 has no compile cache for ES modules (22 has module.enableCompileCache), so the bundle is plain
 * CommonJS run through vm.Script, which takes a cache.
 *
 * Nothing here is needed: without a bundle (a build without rolldown), with a stale one (a module
 * compiled after it) or with AGENTSMITH_BUNDLE=0, the bin imports the modules as before.
 * AGENTSMITH_DEBUG_BUNDLE=1 says on stderr whether the bundle ran, and its cache was taken, or why not.
 * A cache is only used when it was made by this Node version, on this architecture, with these V8
 * flags, for this very bundle (its content hash); V8 also refuses one made by another V8 or with other
 * flags (then the script compiles as usual).
 */

export type Main = (argv: string[], io: Io) => Promise<number>;

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(srcDir, '..', '..');
export const BUNDLE = join(srcDir, 'check.bundle.cjs');
/** What build.ts made the bundle from, and the bundle's content hash. */
export const MANIFEST = join(srcDir, 'check.bundle.json');
export const CACHE_DIR = join(srcDir, '..', 'code-cache');
/** entry.ts bundled as CommonJS, for the bin (see entry.ts). */
export const ENTRY = join(srcDir, 'bundle', 'entry.cjs');

export interface Manifest {
  /** Our compiled modules in the bundle and in entry.cjs (paths relative to the package root), with their sizes. */
  inputs: { path: string; size: number }[];
  /** A hash of the bundle's text (build.ts), which names its caches: an install keeps it, unlike file times. */
  bundleHash: string;
}

/** Set by the build: write the cache for this process's Node, flags and bundle after the command. */
export const WRITE_CACHE_ENV = 'AGENTSMITH_WRITE_CODE_CACHE';

/** The cache file for this bundle (by its content hash) in this process (Node version, architecture, V8 flags). */
export function cachePath(bundleHash: string, execArgv: readonly string[] = process.execArgv): string {
  const key = [process.version, process.platform, process.arch, bundleHash, ...execArgv].join('\0');
  // FNV-1a, twice with different seeds, for a file name. V8 also refuses data made by another V8 or with other flags.
  const fnv = (seed: number): string => {
    let hash = seed;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
    return hash.toString(16).padStart(8, '0');
  };
  return join(CACHE_DIR, `check-${fnv(2166136261)}${fnv(374761393)}.bin`);
}

/**
 * The first input that is not what the bundle was made from, so that the bundle is not used: gone, or of
 * another size (a hand fix or a patch-package patch to an installed module), or, in a working tree
 * (tsconfig.build.json beside package.json), compiled after the bundle (a `tsc` run since the build).
 * Times say nothing in an installed package: npm gives its files the install's times, in tarball order,
 * the bundle before most modules. About 130 stat calls, under 2 ms.
 */
export function staleInput(bundleMtimeMs: number, manifest: Manifest, root: string): string | undefined {
  const workingTree = existsSync(join(root, 'tsconfig.build.json'));
  for (const { path, size } of manifest.inputs) {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stats || stats.size !== size || (workingTree && stats.mtimeMs > bundleMtimeMs)) return path;
  }
  return undefined;
}

/** The bundled check's main, or undefined when there is no usable bundle. */
export function loadCheckMain(env: NodeJS.ProcessEnv = process.env): Main | undefined {
  const debug = env.AGENTSMITH_DEBUG_BUNDLE === '1' ? (text: string) => process.stderr.write(`agentsmith: ${text}\n`) : undefined;
  if (env.AGENTSMITH_BUNDLE === '0') {
    debug?.('check bundle not used (AGENTSMITH_BUNDLE=0)');
    return undefined;
  }
  let source: string;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const stale = staleInput(statSync(BUNDLE).mtimeMs, manifest, packageDir);
    if (stale !== undefined) {
      debug?.(`check bundle not used (${stale} changed since the build: run npm run build)`);
      return undefined;
    }
    source = readFileSync(BUNDLE, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    debug?.(`check bundle not used (${missing ? 'none was built: npm run build makes one when rolldown loads' : (error as Error).message})`);
    return undefined;
  }
  const cacheFile = cachePath(manifest.bundleHash);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script: Script;
  const module = { exports: {} as { checkMain?: Main } };
  try {
    script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: BUNDLE,
      cachedData,
      // An import() left in the bundle (a Node module imported lazily) resolves as in any module.
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, srcDir);
  } catch (error) {
    // A damaged bundle (a truncated copy, say) is no reason to fail: the modules hold the same check.
    debug?.(`check bundle not used (it does not run: ${(error as Error).message})`);
    return undefined;
  }
  const { checkMain } = module.exports;
  if (typeof checkMain !== 'function') {
    debug?.('check bundle not used (it has no checkMain)');
    return undefined;
  }
  debug?.(`check bundle loaded (code cache: ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'})`);
  if (env[WRITE_CACHE_ENV] !== '1') return checkMain;
  return async (argv, io) => {
    const code = await checkMain(argv, io);
    // After the run: the cache then holds the functions the check compiled, not only the top level.
    writeFileSync(cacheFile, script.createCachedData());
    return code;
  };
}
