import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { bulkSchemaJson } from '../../src/spec/bulk-schema.js';
import { expandSpec, readSpec, SpecError } from '../../src/spec/bulk.js';
import { loadPresets } from '../../src/spec/presets.js';
import { agentsmith } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';
import { filesIn, folder, snapshot, specIn } from './fixtures.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.yaml'));

describe('the shipped examples', () => {
  it('exist', () => {
    expect(examples).toEqual(expect.arrayContaining(['api-matrix.yaml', 'platform-teams.yaml']));
  });

  it.each(examples)('%s is a valid spec whose every agent renders without errors or raw {{braces}}', (file) => {
    const { spec } = readSpec(join(examplesDir, file));
    const variants = expandSpec(spec);
    expect(variants.length).toBeGreaterThan(1);
    for (const variant of variants) {
      const rendered = renderAgent(variant.answers, env);
      expect(rendered.errors, variant.origin).toEqual([]);
      expect(rendered.content, variant.origin).not.toContain('{{');
    }
  });

  it('expands api-matrix.yaml to 3 × 2 combinations minus one exclusion, plus the payments agent', () => {
    const names = expandSpec(readSpec(join(examplesDir, 'api-matrix.yaml')).spec).map((v) => v.answers.name);
    expect(names).toEqual([
      'express-postgres-api-developer',
      'express-mongodb-api-developer',
      'fastify-postgres-api-developer',
      'fastify-mongodb-api-developer',
      'nestjs-postgres-api-developer',
      'stripe-billing-engineer',
    ]);
    // The values keep their own case in prose; the names get it from {{kebab …}}.
    const nest = expandSpec(readSpec(join(examplesDir, 'api-matrix.yaml')).spec).find((v) => v.answers.name === 'nestjs-postgres-api-developer');
    expect(nest?.answers.title).toBe('NestJS API Developer');
    expect(nest?.answers.frameworks).toEqual(['NestJS']);
  });

  it.each(examples)('"agentsmith bulk %s --dry-run" lists a create line per agent and writes nothing', async (file) => {
    const dir = folder();
    copyFileSync(join(examplesDir, file), join(dir, file));
    const count = expandSpec(readSpec(join(examplesDir, file)).spec).length;
    const result = await agentsmith(['bulk', file, '--dry-run'], dir);
    expect(result.exitCode).toBe(0);
    const creates = String(result.stdout).split('\n').filter((line) => /^create +generated\/\.claude\/agents\/[a-z0-9-]+\.md$/.test(line));
    expect(creates.length).toBe(count);
    expect(String(result.stdout)).toContain(`${count} agents: ${count} to create`);
    expect(filesIn(dir)).toEqual([file]);
  });
});

describe('the JSON schema', () => {
  it('schema/bulk.schema.json is exactly what the zod schema generates (run src/spec/write-schema.ts after a change)', () => {
    const shipped = readFileSync(join(repoRoot, 'schema', 'bulk.schema.json'), 'utf8');
    expect(shipped).toBe(bulkSchemaJson());
    expect(JSON.parse(shipped)).toMatchObject({ title: 'agentsmith bulk spec', type: 'object' });
  });
});

describe('spec errors', () => {
  const located = async (lines: string[]) => {
    const { dir } = specIn(...lines);
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(snapshot(dir)).toEqual(before);
    return { code: result.exitCode, stderr: String(result.stderr) };
  };

  it('points at the line and column of a matrix value that is a map', async () => {
    const { code, stderr } = await located(['defaults:', '  specialty: api', 'matrix:', '  framework:', '    - express', '    - {a: 1}', 'name: "{{framework}}-x"']);
    expect(code).toBe(2);
    expect(stderr).toContain('spec.yaml:6:7: matrix.framework.1');
  });

  it('points at the matrix key whose values are a map instead of a list', async () => {
    const { code, stderr } = await located(['defaults:', '  specialty: api', 'matrix:', '  framework: {a: 1}']);
    expect(code).toBe(2);
    expect(stderr).toContain('spec.yaml:4:3: matrix.framework');
  });

  it('points at an unknown top-level key itself, not at the start of the spec', async () => {
    const { code, stderr } = await located(['# a comment', 'defaults:', '  specialty: api', 'bogus: 1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/spec\.yaml:4:1: .*Unrecognized key: "bogus"/);
  });

  it('points at an unknown key inside an agent and lists every problem, not just the first', async () => {
    const { code, stderr } = await located(['bogus: 1', 'agents:', '  - specialty: api', '    name: x', '    colour: red']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/spec\.yaml:5:5: agents\.0: Unrecognized key: "colour"/);
    expect(stderr).toMatch(/spec\.yaml:1:1: .*"bogus"/);
  });

  it('points at a YAML syntax error', async () => {
    const { code, stderr } = await located(['defaults:', '  specialty: api', '  title: "unclosed']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/spec\.yaml:\d+:\d+: not valid YAML/);
  });

  it('throws a SpecError (exit 2) from readSpec, with file:line:col', () => {
    const { spec } = specIn('matrix:', '  framework: [express, [nested]]');
    expect(() => readSpec(spec)).toThrow(SpecError);
    expect(() => readSpec(spec)).toThrow(/spec\.yaml:2:24: matrix\.framework\.1/);
  });

  it('exits 2 naming the file when the spec does not exist', async () => {
    const result = await agentsmith(['bulk', 'missing.yaml'], folder());
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('missing.yaml');
  });
});
