import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type Options } from 'execa';
import { repoRoot } from './corpus.js';

export const BIN = join(repoRoot, 'bin', 'agentsmith.js');

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
  return execa('node', [BIN, ...args], {
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
