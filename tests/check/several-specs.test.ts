import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith } from '../helpers/cli.js';
import { folder } from '../bulk/fixtures.js';

/** Two specs of one project, each writing its own folder, both generated. */
async function twoSpecs(): Promise<string> {
  const dir = folder();
  const spec = (out: string, framework: string) =>
    ['out: ' + out, 'defaults:', '  specialty: api', 'name: "{{framework}}-api"', 'matrix:', `  framework: [${framework}]`, ''].join('\n');
  writeFileSync(join(dir, 'a.yaml'), spec('agents-a', 'express'));
  writeFileSync(join(dir, 'b.yaml'), spec('agents-b', 'hono'));
  for (const file of ['a.yaml', 'b.yaml']) expect((await agentsmith(['bulk', file], dir)).exitCode).toBe(0);
  return dir;
}

describe('check --spec, given more than once', () => {
  it('checks the drift of every spec, not only the last one', async () => {
    const dir = await twoSpecs();
    const edited = join(dir, 'agents-a', 'express-api.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('You are a senior', 'You are a hand-edited'));

    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      const run = await agentsmith(['check', 'agents-a', 'agents-b', '--format', 'json', ...order.flatMap((spec) => ['--spec', spec])], dir);
      expect(run.exitCode).toBe(1);
      const report = JSON.parse(String(run.stdout)) as { files: { path: string; diagnostics: { rule: string; message: string }[] }[] };
      const drift = report.files.flatMap((file) => file.diagnostics.filter((d) => d.rule === 'drift/spec').map((d) => [file.path, d.message]));
      expect(drift).toEqual([['agents-a/express-api.md', expect.stringContaining('differs from what a.yaml renders now')]]);
    }
  });

  it('checks a spec named twice, in two spellings, once', async () => {
    const dir = await twoSpecs();
    writeFileSync(join(dir, 'agents-a', 'express-api.md'), '');
    const run = await agentsmith(['check', 'agents-a', '--format', 'json', '--spec', 'a.yaml', '--spec', './a.yaml', '--spec', join(dir, 'a.yaml')], dir);
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(String(run.stdout)) as { files: { path: string; diagnostics: { rule: string; message: string }[] }[] };
    const drift = report.files.flatMap((file) => file.diagnostics.filter((d) => d.rule === 'drift/spec').map((d) => [file.path, d.message]));
    expect(drift).toEqual([['agents-a/express-api.md', expect.stringContaining('differs from what a.yaml renders now')]]);
  });

  it('passes when every spec is in sync, and reports a file missing from any of them', async () => {
    const dir = await twoSpecs();
    expect((await agentsmith(['check', 'agents-a', 'agents-b', '--spec', 'a.yaml', '--spec', 'b.yaml'], dir)).exitCode).toBe(0);
    writeFileSync(join(dir, 'agents-b', 'hono-api.md'), '');
    const run = await agentsmith(['check', 'agents-a', 'agents-b', '--spec', 'b.yaml', '--spec', 'a.yaml'], dir);
    expect(run.exitCode).toBe(1);
    expect(String(run.stdout)).toContain('differs from what b.yaml renders now');
  });
});
