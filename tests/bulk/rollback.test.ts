import { existsSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planBulk, writeBulk, type BulkPlan } from '../../src/commands/bulk.js';
import { ExitError } from '../../src/errors.js';
import { applyPlan } from '../../src/files/apply.js';
import type { PlannedFile } from '../../src/files/plan.js';
import { writeAtomic } from '../../src/files/write.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { expandSpec, readSpec } from '../../src/spec/bulk.js';
import { loadPresets } from '../../src/spec/presets.js';
import { agentsmith } from '../helpers/cli.js';
import { filesIn, folder, specIn } from './fixtures.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

const FIVE = ['out: agents', 'defaults:', '  specialty: api', 'matrix:', '  fw: [a, b, c, d, e]', 'name: "{{fw}}-api"'];
const OLD_A = 'old a, written by hand\n';
const OLD_C = 'old c, written by hand\n';

/** A plan over five agents where a-api.md and c-api.md already exist (and differ), forced. */
function forcedPlan(): { out: string; plan: BulkPlan } {
  const { spec, out } = specIn(...FIVE);
  mkdirSync(out);
  writeFileSync(join(out, 'a-api.md'), OLD_A);
  writeFileSync(join(out, 'c-api.md'), OLD_C);
  const read = readSpec(spec);
  const plan = planBulk(expandSpec(read.spec), env, read.outDir, true);
  expect(plan.problems).toEqual([]);
  expect(plan.entries.map((entry) => entry.action)).toEqual(['overwrite', 'create', 'overwrite', 'create', 'create']);
  return { out, plan };
}

/** Writes for real `ok` times, then fails the way the system would, with `code`. */
function failingAfter(ok: number, code: string, message: string) {
  const calls: string[] = [];
  const write = (path: string, content: string) => {
    calls.push(path);
    if (calls.length > ok) throw Object.assign(new Error(`${code}: ${message}, open '${path}'`), { code });
    writeAtomic(path, content);
  };
  return { write, calls };
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to fail');
}

describe('a bulk write that fails part-way', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['ENOSPC', 'no space left on device'],
  ])('restores every file the run wrote when the 4th write fails with %s', (code, message) => {
    const { out, plan } = forcedPlan();
    const { write, calls } = failingAfter(3, code, message);
    const error = catchError(() => writeBulk(plan, write));
    expect(calls).toHaveLength(4);
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).not.toBe(0);
    expect((error as ExitError).message).toContain(message);
    expect((error as ExitError).message).toMatch(/The 3 files written before it were restored/);
    // Overwritten files are back as they were; new ones are gone; no temp file is left behind.
    expect(readFileSync(join(out, 'a-api.md'), 'utf8')).toBe(OLD_A);
    expect(readFileSync(join(out, 'c-api.md'), 'utf8')).toBe(OLD_C);
    expect(filesIn(out)).toEqual(['a-api.md', 'c-api.md']);
  });

  it('names the file whose write failed, even when the system error names none', () => {
    const { out, plan } = forcedPlan();
    const write = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const error = catchError(() => writeBulk(plan, write));
    expect((error as ExitError).message).toContain(`writing ${join(out, 'a-api.md')} failed: no space left on device`);
  });

  it('leaves nothing when every file was new and the first write fails', () => {
    const { spec, out } = specIn(...FIVE);
    mkdirSync(out);
    const read = readSpec(spec);
    const plan = planBulk(expandSpec(read.spec), env, read.outDir, false);
    const error = catchError(() => writeBulk(plan, failingAfter(0, 'EACCES', 'permission denied').write));
    expect(error).toBeInstanceOf(ExitError);
    expect(filesIn(out)).toEqual([]);
  });

  it('applyPlan skips unchanged files, and a failure after them restores only what it wrote', () => {
    const dir = folder();
    const rendered = ['x-one', 'x-two', 'x-three'].map((name) => renderAgent({ specialty: 'auth', name }, env));
    const [one, two, three] = rendered.map((r) => ({ path: join(dir, r.fileName), content: r.content }));
    if (!one || !two || !three) throw new Error('unreachable');
    writeFileSync(one.path, one.content);
    const mtime = statSync(one.path).mtimeMs;
    writeFileSync(two.path, 'old two\n');
    const plan: PlannedFile[] = [
      { ...one, action: 'unchanged' },
      { ...two, action: 'overwrite' },
      { ...three, action: 'create' },
    ];
    const error = catchError(() => applyPlan(plan, failingAfter(1, 'ENOSPC', 'no space left on device').write));
    expect(error).toBeInstanceOf(ExitError);
    expect(readFileSync(one.path, 'utf8')).toBe(one.content);
    expect(statSync(one.path).mtimeMs).toBe(mtime);
    expect(readFileSync(two.path, 'utf8')).toBe('old two\n');
    expect(existsSync(three.path)).toBe(false);
  });

  it('refuses a plan with a file that exists without --force, before writing anything', () => {
    const dir = folder();
    const path = join(dir, 'x.md');
    const plan: PlannedFile[] = [
      { path: join(dir, 'new.md'), content: 'new\n', action: 'create' },
      { path, content: 'new\n', action: 'exists' },
    ];
    const error = catchError(() => applyPlan(plan));
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(1);
    expect(filesIn(dir)).toEqual([]);
  });
});

describe('agentsmith bulk when a folder sits where an agent file goes', () => {
  it('reports the folder as such, suggests no --force, and writes nothing', async () => {
    const { dir, out } = specIn(...FIVE);
    mkdirSync(join(out, 'd-api.md'), { recursive: true });
    writeFileSync(join(out, 'd-api.md', 'keep.txt'), 'inside\n');
    writeFileSync(join(out, 'a-api.md'), OLD_A);
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(result.exitCode).toBe(1);
    const text = String(result.stdout);
    expect(text).toMatch(/^invalid +agents\/d-api\.md$/m);
    expect(text).toMatch(/d-api\.md is a folder, not a file; move or rename that folder/);
    expect(text.split('\n').filter((line) => line.includes('d-api.md is a folder')).join('\n')).not.toContain('--force');
    expect(readFileSync(join(out, 'a-api.md'), 'utf8')).toBe(OLD_A);
    expect(filesIn(out)).toEqual(['a-api.md', 'd-api.md']);
    expect(readFileSync(join(out, 'd-api.md', 'keep.txt'), 'utf8')).toBe('inside\n');
  });

  it('calls a symbolic link to a folder a link, not a folder, and leaves it (the client may read agents through it)', async () => {
    const { dir, out } = specIn(...FIVE);
    mkdirSync(out);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync('../elsewhere', join(out, 'b-api.md'));
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stdout)).toMatch(/b-api\.md is a symbolic link to a folder \(\.\.\/elsewhere\), not a file; remove or rename the link/);
    expect(readlinkSync(join(out, 'b-api.md'))).toBe('../elsewhere');
    expect(filesIn(out)).toEqual(['b-api.md']);
  });

  it('lists the folder in the JSON report too, with written false', async () => {
    const { dir, out } = specIn(...FIVE);
    mkdirSync(join(out, 'c-api.md'), { recursive: true });
    const result = await agentsmith(['bulk', 'spec.yaml', '--json'], dir);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(String(result.stdout)) as { written: boolean; problems: string[] };
    expect(report.written).toBe(false);
    expect(report.problems.join('\n')).toMatch(/c-api\.md is a folder/);
    expect(filesIn(out)).toEqual(['c-api.md']);
  });
});
