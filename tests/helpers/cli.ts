import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type Options } from 'execa';
import { afterEach } from 'vitest';
import { repoRoot } from './corpus.js';

export const BIN = join(repoRoot, 'bin', 'agentsmith.cjs');

/** The environment of a user's shell: npm's variables from `npm test` removed. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs the real CLI in `cwd`, without a terminal, and never throws on a non-zero exit. */
export function agentsmith(args: string[], cwd: string, options: Options = {}) {
  return run('node', [BIN, ...args], cwd, options);
}

/** Runs any command like a user's shell would (npm's variables removed), without a terminal, never throwing. */
export function run(command: string, args: string[], cwd: string, options: Options = {}) {
  return execa(command, args, {
    cwd,
    env: cleanEnv(),
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: 60_000,
    ...options,
  });
}

/** A fresh temp folder per test; remove it with the returned function. */
export function tempDir(prefix = 'agentsmith-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Temp folders for the tests of one file, each removed after its test: `const folder = useTempFolders();`. */
export function useTempFolders(): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  return () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    return dir;
  };
}
