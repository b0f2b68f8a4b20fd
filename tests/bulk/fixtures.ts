import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';
import type { RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { expandSpec, readSpec, type Variant } from '../../src/spec/bulk.js';
import { loadPresets } from '../../src/spec/presets.js';
import { cleanEnv, tempDir } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A temp folder removed after the test. */
export function folder(): string {
  const { dir, cleanup } = tempDir('agentsmith-bulk-');
  cleanups.push(cleanup);
  return dir;
}

/** Writes `spec.yaml` (lines joined) into a fresh folder; returns the folder and the spec path. */
export function specIn(...lines: string[]): { dir: string; spec: string; out: string } {
  const dir = folder();
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n`);
  return { dir, spec, out: join(dir, 'agents') };
}

/** The variants of a spec of these lines, written into a fresh folder. */
export function expand(...lines: string[]): Variant[] {
  const { spec, at } = readSpec(specIn(...lines).spec);
  return expandSpec(spec, at);
}

/** What `bulk` renders with when the project has no config: the shipped specialties, the default rules. */
export async function defaultEnv(): Promise<RenderEnv> {
  return { presets: await loadPresets(), config: resolveConfig() };
}

/** Every path under `root` with its size, mtime and content hash: equal snapshots mean nothing changed. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[relative(root, full)] = 'dir';
        walk(full);
      } else out[relative(root, full)] = `${statSync(full).mtimeMs} ${readFileSync(full, 'utf8')}`;
    }
  };
  walk(root);
  return out;
}

/** The file names in `dir`, sorted; [] when it does not exist. */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A small valid spec: three API agents from a one-key matrix. */
export const THREE = [
  'out: agents',
  'defaults:',
  '  specialty: api',
  '  title: "{{framework}} API Developer"',
  'matrix:',
  '  framework: [express, fastify, hono]',
  'name: "{{framework}}-api"',
];

/**
 * The environment of a real bulk run with a preload module that runs `action` (JavaScript, with `fs` in
 * scope) right after the `nth` file is renamed into place: something that happens during the write,
 * whatever the machine's load, with nothing mocked.
 */
export function afterRename(dir: string, nth: number, action: string): { env: Record<string, string | undefined> } {
  const preload = join(dir, 'after-rename.mjs');
  writeFileSync(
    preload,
    [
      "import fs from 'node:fs';",
      "import { syncBuiltinESMExports } from 'node:module';",
      'const rename = fs.renameSync;',
      'let count = 0;',
      `fs.renameSync = (...args) => { rename(...args); if (++count === ${nth}) { ${action} } };`,
      'syncBuiltinESMExports();',
    ].join('\n'),
  );
  return { env: { ...cleanEnv(), NODE_OPTIONS: `--import ${preload}` } };
}
