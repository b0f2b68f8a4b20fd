import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith } from '../helpers/cli.js';
import { filesIn, specIn, THREE } from './fixtures.js';

/** THREE writes express-api, fastify-api, hono-api; fastify-api.md is read-only, express-api.md differs. */
function readOnlyMiddle() {
  const setup = specIn(...THREE);
  mkdirSync(setup.out);
  writeFileSync(join(setup.out, 'express-api.md'), 'old express\n');
  writeFileSync(join(setup.out, 'fastify-api.md'), 'old fastify\n');
  chmodSync(join(setup.out, 'fastify-api.md'), 0o444);
  return setup;
}

describe('bulk when a write fails at apply time', () => {
  it('restores what it wrote, names the file, and exits 2 (text)', async () => {
    const { dir, out } = readOnlyMiddle();
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/writing .*fastify-api\.md failed: .*read-only.*The file written before it was restored\./);
    expect(readFileSync(join(out, 'express-api.md'), 'utf8')).toBe('old express\n');
    expect(readFileSync(join(out, 'fastify-api.md'), 'utf8')).toBe('old fastify\n');
    expect(filesIn(out)).toEqual(['express-api.md', 'fastify-api.md']);
  });

  it('prints a JSON report with written: false and the error (--json)', async () => {
    const { dir, out } = readOnlyMiddle();
    const result = await agentsmith(['bulk', 'spec.yaml', '--force', '--json'], dir);
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
