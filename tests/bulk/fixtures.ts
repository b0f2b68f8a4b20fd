import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';
import { tempDir } from '../helpers/cli.js';

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
