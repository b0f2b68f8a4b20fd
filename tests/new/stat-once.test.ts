import * as fs from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeAgent } from '../../src/commands/new.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import type { Preset } from '../../src/spec/preset.js';
import { useTempFolders } from '../helpers/cli.js';

// statSync watched, so the test can see how often `new` looks at its target (a file of its own: vi.mock is per file).
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, default: real, statSync: vi.fn(real.statSync) };
});

let presets: Map<string, Preset>;
beforeAll(async () => {
  presets = await loadPresets();
});
beforeEach(() => {
  vi.mocked(fs.statSync).mockClear();
});

const folder = useTempFolders();
const statsOf = (path: string): number => vi.mocked(fs.statSync).mock.calls.filter(([called]) => called === path).length;

describe('new looks at its target once, when planning the write', () => {
  it.each([
    ['a new file', false],
    ['a file it overwrites with --force', true],
  ])('%s: no second stat after the plan', (_, force) => {
    const outDir = folder();
    const target = join(outDir, 'db-expert.md');
    if (force) fs.writeFileSync(target, 'an older agent\n');
    const { path } = writeAgent({ specialty: 'database', name: 'db-expert' }, { presets, config: resolveConfig(), outDir, force });
    expect(path).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^---\nname: db-expert\n/);
    // The plan takes an lstat (a plain file or nothing: one call); only a link is followed with stat.
    expect(statsOf(target)).toBe(0);
  });

  it('still refuses an existing file without --force, and a folder in its place even with --force', () => {
    const outDir = folder();
    const options = { presets, config: resolveConfig(), outDir, force: false };
    fs.writeFileSync(join(outDir, 'db-expert.md'), 'mine\n');
    expect(() => writeAgent({ specialty: 'database', name: 'db-expert' }, options)).toThrow(/db-expert\.md already exists; pass --force/);
    fs.mkdirSync(join(outDir, 'db-two.md'));
    expect(() => writeAgent({ specialty: 'database', name: 'db-two' }, { ...options, force: true })).toThrow(/db-two\.md is a folder/);
    expect(fs.readFileSync(join(outDir, 'db-expert.md'), 'utf8')).toBe('mine\n');
  });
});
