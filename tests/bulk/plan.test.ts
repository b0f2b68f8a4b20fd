import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { agentsmith } from '../helpers/cli.js';
import { filesIn, snapshot, specIn, THREE } from './fixtures.js';

interface Report {
  written: boolean;
  files: { origin: string; name: string; path: string | null; action: string; problems: string[]; warnings: string[] }[];
  problems: string[];
  error?: string;
}

/** One invalid name, two agents with one name, and (set up by the test) a file that exists and differs. */
const BROKEN = [
  'out: agents',
  'defaults:',
  '  specialty: api',
  'matrix:',
  '  framework: [express, UPPER case, fastify]',
  'name: "{{framework}}-api"',
  'agents:',
  '  - { specialty: auth, name: twin }',
  '  - { specialty: jobs, name: twin }',
];

function broken() {
  const setup = specIn(...BROKEN);
  mkdirSync(setup.out);
  writeFileSync(join(setup.out, 'express-api.md'), 'hand-written, not from the spec\n');
  return setup;
}

describe('bulk plans everything before writing anything', () => {
  it('exits 1, writes nothing and lists every problem: an invalid name, a shared name and an existing file', async () => {
    const { dir } = broken();
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    const out = String(result.stdout);
    expect(out).toMatch(/UPPER case-api.*not kebab-case/);
    expect(out).toMatch(/name "twin" is also produced by agents\[1\]/);
    expect(out).toMatch(/name "twin" is also produced by agents\[0\]/);
    expect(out).toMatch(/^exists +agents\/express-api\.md$/m);
    expect(out).toMatch(/agents\/express-api\.md exists and differs \(pass --force to overwrite it\)/);
    expect(out).toMatch(/5 agents: 1 to create, 0 to overwrite, 0 unchanged, 1 exists \(pass --force to overwrite\), 3 invalid\./);
    expect(String(result.stderr)).toContain('agentsmith bulk: nothing was written: 4 problems');
  });

  it('reports the same problems as JSON, with written false', async () => {
    const { dir } = broken();
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml', '--json'], dir);
    expect(result.exitCode).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    const report = JSON.parse(String(result.stdout)) as Report;
    expect(report.written).toBe(false);
    expect(report.problems).toHaveLength(4);
    const byName = Object.fromEntries(report.files.map((file) => [`${file.origin}`, file]));
    expect(byName['matrix {"framework":"fastify"}']).toMatchObject({ name: 'fastify-api', action: 'create', problems: [] });
    expect(byName['matrix {"framework":"express"}']).toMatchObject({ action: 'exists', path: join('agents', 'express-api.md') });
    expect(byName['agents[0]']?.action).toBe('invalid');
    expect(byName['agents[1]']?.action).toBe('invalid');
  });

  it('still refuses a shared name and an invalid name with --force, but overwrites the existing file once they are fixed', async () => {
    const { dir, spec, out } = broken();
    expect((await agentsmith(['bulk', 'spec.yaml', '--force'], dir)).exitCode).toBe(1);
    expect(filesIn(out)).toEqual(['express-api.md']);
    writeFileSync(spec, `${BROKEN.join('\n').replace('UPPER case', 'koa').replace('name: twin }\n', 'name: twin-auth }\n')}\n`);
    const fixed = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(fixed.exitCode).toBe(0);
    expect(filesIn(out)).toEqual(['express-api.md', 'fastify-api.md', 'koa-api.md', 'twin-auth.md', 'twin.md']);
    expect(parseAgentFile(readFileSync(join(out, 'express-api.md'), 'utf8')).verdict).toMatchObject({ kind: 'loaded', name: 'express-api' });
  });

  it('names a few of the variants that share a name, not all of them: a matrix without a name template stays readable', async () => {
    // 200 combinations, all named after the specialty: each of 200 messages named the 199 others (1 MB of plan).
    const values = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(', ');
    const { dir, out } = specIn('out: agents', 'defaults: { specialty: api }', 'matrix:', `  team: [${values('t', 20)}]`, `  region: [${values('r', 10)}]`);
    for (const check of [false, true]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...(check ? ['--check'] : [])], dir);
      expect(result.exitCode).toBe(1);
      const text = String(result.stdout);
      expect(text.length).toBeLessThan(150_000);
      expect(text).toContain(
        'name "api-developer" is also produced by matrix {"team":"t0","region":"r1"}' + (check ? ' at spec.yaml:3' : '') + ', matrix {"team":"t0","region":"r2"}',
      );
      expect(text).toContain(' and 196 other variants; give each variant its own name (a matrix needs a top-level name template that uses the keys telling its combinations apart).');
    }
    expect(filesIn(out)).toEqual([]);
  });
});

describe('bulk runs', () => {
  it('writes every agent, loadable, and says so', async () => {
    const { dir, out } = specIn(...THREE);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toContain('Wrote 3 agent files, 0 unchanged, in agents.');
    expect(filesIn(out)).toEqual(['express-api.md', 'fastify-api.md', 'hono-api.md']);
    for (const file of filesIn(out)) {
      const doc = parseAgentFile(readFileSync(join(out, file), 'utf8'));
      expect(doc.verdict).toMatchObject({ kind: 'loaded', name: file.replace(/\.md$/, '') });
    }
    expect(readFileSync(join(out, 'hono-api.md'), 'utf8')).toContain('You are a senior hono API Developer.');
  });

  it('is idempotent: a second run reports every file unchanged and does not rewrite them', async () => {
    const { dir, out } = specIn(...THREE);
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    const mtimes = filesIn(out).map((file) => statSync(join(out, file)).mtimeMs);
    await sleep(50);
    const again = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(again.exitCode).toBe(0);
    expect(String(again.stdout)).toContain('Wrote 0 agent files, 3 unchanged');
    expect(filesIn(out).map((file) => statSync(join(out, file)).mtimeMs)).toEqual(mtimes);

    const json = JSON.parse(String((await agentsmith(['bulk', 'spec.yaml', '--json'], dir)).stdout)) as Report;
    expect(json.files.map((file) => file.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(filesIn(out).map((file) => statSync(join(out, file)).mtimeMs)).toEqual(mtimes);
  });

  it('prints a machine report with --json', async () => {
    const { dir, out } = specIn(...THREE);
    const result = await agentsmith(['bulk', 'spec.yaml', '--json'], dir);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(String(result.stdout)) as Report;
    expect(report).toMatchObject({ written: true, problems: [] });
    expect(report.files).toEqual([
      { origin: 'matrix {"framework":"express"}', name: 'express-api', path: join('agents', 'express-api.md'), action: 'create', problems: [], warnings: [] },
      { origin: 'matrix {"framework":"fastify"}', name: 'fastify-api', path: join('agents', 'fastify-api.md'), action: 'create', problems: [], warnings: [] },
      { origin: 'matrix {"framework":"hono"}', name: 'hono-api', path: join('agents', 'hono-api.md'), action: 'create', problems: [], warnings: [] },
    ]);
    expect(filesIn(out)).toHaveLength(3);
  });

  it('writes nothing with --dry-run, and with --dry-run --json says written false', async () => {
    const { dir } = specIn(...THREE);
    const before = snapshot(dir);
    const dry = await agentsmith(['bulk', 'spec.yaml', '--dry-run'], dir);
    expect(dry.exitCode).toBe(0);
    expect(String(dry.stdout)).toMatch(/^create +agents\/express-api\.md$/m);
    const json = await agentsmith(['bulk', 'spec.yaml', '--dry-run', '--json'], dir);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(String(json.stdout))).toMatchObject({ written: false, problems: [] });
    expect(snapshot(dir)).toEqual(before);
  });

  it('exits 2 without a spec, with two specs, or with an unknown flag', async () => {
    const { dir } = specIn(...THREE);
    for (const args of [['bulk'], ['bulk', 'spec.yaml', 'spec.yaml'], ['bulk', 'spec.yaml', '--bogus']]) {
      const result = await agentsmith(args, dir);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(String(result.stderr), args.join(' ')).toContain('Usage: agentsmith bulk');
    }
    expect(filesIn(dir)).toEqual(['spec.yaml']);
  });
});

describe('what a successful run says', () => {
  it('says "1 agent file", and lists the rule warnings of the files it wrote without failing', async () => {
    const { dir, out } = specIn('out: agents', 'agents:', '  - { specialty: api, name: terse-api, description: "Helps with APIs." }');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const text = String(result.stdout);
    expect(text).toContain('Wrote 1 agent file, 0 unchanged, in agents.');
    expect(text).toContain('1 file has rule warnings (written anyway: the files load):');
    expect(text).toMatch(/^ {2}agents\/terse-api\.md$/m);
    expect(text).toMatch(/^ {4}- \d+:\d+  warning  description\/trigger  /m);
    expect(text).toContain('Run "agentsmith check agents" for every warning with its line.');
    expect(filesIn(out)).toEqual(['terse-api.md']);
    // A second run writes nothing: the warnings were said when the file was written.
    const again = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(String(again.stdout)).toBe('Wrote 0 agent files, 1 unchanged, in agents.');
  });

  it('says nothing about warnings when there are none', async () => {
    const { dir } = specIn(...THREE);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(String(result.stdout)).toBe('Wrote 3 agent files, 0 unchanged, in agents.');
  });
});
