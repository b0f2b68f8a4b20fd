import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith } from '../helpers/cli.js';
import { afterRename, filesIn, snapshot, specIn, THREE } from './fixtures.js';

/** THREE writes express-api, fastify-api, hono-api; express-api.md and fastify-api.md exist and differ. */
function existing() {
  const setup = specIn(...THREE);
  mkdirSync(setup.out);
  writeFileSync(join(setup.out, 'express-api.md'), 'old express\n');
  writeFileSync(join(setup.out, 'fastify-api.md'), 'old fastify\n');
  return setup;
}

/**
 * The real command, made to turn fastify-api.md read-only right after the first file is renamed into
 * place: a file that changes between the plan and the write (the write's own check refuses it).
 */
const readOnlyMidWrite = (dir: string, out: string): { env: Record<string, string | undefined> } =>
  afterRename(dir, 1, `fs.chmodSync(${JSON.stringify(join(out, 'fastify-api.md'))}, 0o444);`);

describe('bulk and read-only files', () => {
  it('refuses every read-only target in the plan, before writing anything, even with --force (text)', async () => {
    const { dir, out } = existing();
    chmodSync(join(out, 'fastify-api.md'), 0o444);
    writeFileSync(join(out, 'hono-api.md'), 'old hono\n');
    chmodSync(join(out, 'hono-api.md'), 0o444);
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(result.exitCode).toBe(1);
    const text = String(result.stdout);
    expect(text).toMatch(/^overwrite +agents\/express-api\.md$/m);
    for (const name of ['fastify-api', 'hono-api']) {
      expect(text).toMatch(new RegExp(`^invalid +agents/${name}\\.md$`, 'm'));
      expect(text).toMatch(new RegExp(`${name}\\.md is read-only \\(mode 444\\), so bulk will not replace it, even with --force; make it writable \\(chmod u\\+w\\)`));
    }
    expect(String(result.stderr)).toContain('agentsmith bulk: nothing was written: 2 problems');
    // Not even written and restored: every file keeps its bytes and its modification time.
    expect(snapshot(dir)).toEqual(before);
  });

  it('says so in --dry-run, and without --force does not suggest --force for the read-only file', async () => {
    const { dir, out } = existing();
    chmodSync(join(out, 'fastify-api.md'), 0o444);
    const dry = await agentsmith(['bulk', 'spec.yaml', '--force', '--dry-run'], dir);
    expect(dry.exitCode).toBe(1);
    expect(String(dry.stdout)).toMatch(/^invalid +agents\/fastify-api\.md$/m);
    const plain = String((await agentsmith(['bulk', 'spec.yaml'], dir)).stdout);
    expect(plain).toMatch(/^exists +agents\/express-api\.md$/m);
    expect(plain).toMatch(/^invalid +agents\/fastify-api\.md$/m);
    expect(plain).not.toMatch(/fastify-api\.md exists and differs/);
  });

  it('lists read-only targets in the JSON report, with written false', async () => {
    const { dir, out } = existing();
    chmodSync(join(out, 'fastify-api.md'), 0o444);
    const result = await agentsmith(['bulk', 'spec.yaml', '--force', '--json'], dir);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(String(result.stdout)) as { written: boolean; problems: string[]; files: { name: string; action: string }[] };
    expect(report.written).toBe(false);
    expect(report.files.map((file) => [file.name, file.action])).toEqual([
      ['express-api', 'overwrite'],
      ['fastify-api', 'invalid'],
      ['hono-api', 'create'],
    ]);
    expect(report.problems.join('\n')).toMatch(/fastify-api\.md is read-only/);
  });

  it('replaces a symbolic link to a read-only file (the link is replaced, its target is not written)', async () => {
    const { dir, out } = specIn(...THREE);
    mkdirSync(out);
    writeFileSync(join(dir, 'outside.md'), 'outside\n');
    chmodSync(join(dir, 'outside.md'), 0o444);
    symlinkSync(join(dir, 'outside.md'), join(out, 'express-api.md'));
    expect((await agentsmith(['bulk', 'spec.yaml', '--force'], dir)).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'outside.md'), 'utf8')).toBe('outside\n');
    expect(readFileSync(join(out, 'express-api.md'), 'utf8')).toMatch(/^---\nname: express-api\n/);
  });
});

describe('bulk when a write fails at apply time', () => {
  it('restores what it wrote, names the file, and exits 2 (text)', async () => {
    const { dir, out } = existing();
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir, readOnlyMidWrite(dir, out));
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/writing .*fastify-api\.md failed: .*read-only.*The file written before it was restored\./);
    expect(readFileSync(join(out, 'express-api.md'), 'utf8')).toBe('old express\n');
    expect(readFileSync(join(out, 'fastify-api.md'), 'utf8')).toBe('old fastify\n');
    expect(filesIn(out)).toEqual(['express-api.md', 'fastify-api.md']);
  });

  it('prints a JSON report with written: false and the error (--json)', async () => {
    const { dir, out } = existing();
    const result = await agentsmith(['bulk', 'spec.yaml', '--force', '--json'], dir, readOnlyMidWrite(dir, out));
    expect(result.exitCode).toBe(2);
    const report = JSON.parse(String(result.stdout)) as { written: boolean; error: string; files: unknown[] };
    expect(report.written).toBe(false);
    expect(report.error).toMatch(/fastify-api\.md failed: .*read-only.*restored/);
    expect(report.files).toHaveLength(3);
    expect(filesIn(out)).toEqual(['express-api.md', 'fastify-api.md']);
  });
});

describe('drift diagnostics', () => {
  it('sit at the first line that differs, in bulk --check and check --spec', async () => {
    const { dir, out } = specIn(...THREE);
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    const path = join(out, 'express-api.md');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[8] = 'edited by hand';
    writeFileSync(path, lines.join('\n'));
    const check = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    expect(check.exitCode).toBe(1);
    const files = JSON.parse(String(check.stdout)).files as { path: string; diagnostics: { rule: string; line: number }[] }[];
    const drift = files.flatMap((file) => file.diagnostics.filter((d) => d.rule === 'drift/spec'));
    expect(drift.map((d) => d.line)).toEqual([9]);
    const bulk = await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir);
    expect(JSON.parse(String(bulk.stdout)).files.find((f: { status: string }) => f.status === 'differs').line).toBe(9);
  });
});

describe('spec keys in the wrong case', () => {
  it('get a did-you-mean', async () => {
    const { dir } = specIn('agents:', '  - {specialty: api, example-count: 2}');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/spec\.yaml:2:\d+: .*example-count.*did you mean "exampleCount"\?/);
    expect(String(result.stderr)).toMatch(/schema[\\/]bulk\.schema\.json/);
    expect(String(result.stderr)).not.toMatch(/See schema\/bulk/);
  });
});
