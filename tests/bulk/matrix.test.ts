import { beforeAll, describe, expect, it } from 'vitest';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { SpecError, type Variant } from '../../src/spec/bulk.js';
import { agentsmith } from '../helpers/cli.js';
import { defaultEnv, expand, filesIn, specIn } from './fixtures.js';

let env: RenderEnv;
beforeAll(async () => {
  env = await defaultEnv();
});
const names = (variants: Variant[]) => variants.map((variant) => variant.answers.name);

const GRID = ['defaults: { specialty: api }', 'matrix:', '  fw: [a, b]', '  db: [x, y]', 'name: "{{fw}}-{{db}}"'];

describe('matrix expansion', () => {
  it('makes one agent per combination, in order', () => {
    expect(names(expand(...GRID))).toEqual(['a-x', 'a-y', 'b-x', 'b-y']);
  });

  it('removes the combinations an exclusion matches, fully or partly', () => {
    expect(names(expand(...GRID, 'exclude:', '  - { fw: b, db: y }'))).toEqual(['a-x', 'a-y', 'b-x']);
    expect(names(expand(...GRID, 'exclude:', '  - { fw: a }'))).toEqual(['b-x', 'b-y']);
    expect(names(expand(...GRID, 'exclude:', '  - { fw: a }', '  - { db: x }'))).toEqual(['b-y']);
  });

  it('adds the combinations of include after the matrix', () => {
    expect(names(expand(...GRID, 'exclude: [{ fw: b }]', 'include:', '  - { fw: c, db: z }'))).toEqual(['a-x', 'a-y', 'c-z']);
  });

  it('sets an answer from a matrix key with the same name (specialty)', () => {
    const variants = expand('matrix:', '  specialty: [database, auth]', '  team: [core]', 'name: "{{team}}-{{specialty}}"');
    expect(variants.map((v) => [v.answers.specialty, v.answers.name])).toEqual([
      ['database', 'core-database'],
      ['auth', 'core-auth'],
    ]);
    const rendered = variants.map((variant) => renderAgent(variant.answers, env));
    expect(rendered.map((r) => r.errors)).toEqual([[], []]);
    expect(rendered[0]?.content).toContain('You are a senior Database Engineer.');
    expect(rendered[1]?.content).toContain('You are a senior Authentication & Authorization Engineer.');
  });

  it('lets a matrix key that is not an answer name stay a template variable, even one named like an Object method', () => {
    const variants = expand('defaults: { specialty: api, title: "{{constructor}} dev" }', 'matrix:', '  constructor: [koa]', 'name: "{{constructor}}-api"');
    expect(variants[0]?.answers).toEqual({ specialty: 'api', title: 'koa dev', name: 'koa-api' });
    expect(renderAgent(variants[0]?.answers ?? { specialty: '' }, env).errors).toEqual([]);
  });

  it('fills {{key}} in every text field, including lists, examples, sections and extra frontmatter', () => {
    const [variant] = expand(
      'defaults:',
      '  specialty: api',
      '  title: "{{fw}} Developer"',
      '  focus: "shipping {{fw}} services"',
      '  frameworks: ["{{fw}}", "TypeScript"]',
      '  datastores: ["{{db}}"]',
      '  areas: ["{{area}}", versioning]',
      '  model: "{{model}}"',
      '  color: "{{color}}"',
      '  tools: "Read, {{tool}}"',
      '  trigger: "the user works on {{fw}}"',
      '  examples:',
      '    - { context: "a {{fw}} app", user: "fix {{fw}}", assistant: "Using the agent for {{fw}}", commentary: "{{fw}} work" }',
      '    - { context: "b", user: "u", assistant: "a", commentary: "c" }',
      '  customSections: [{ title: "{{fw}} Notes", content: "Use {{db}} carefully." }]',
      '  frontmatter: { memory: "{{memory}}" }',
      'matrix:',
      '  fw: [koa]',
      '  db: [Redis & Postgres]',
      '  model: [opus]',
      '  color: [cyan]',
      '  tool: [Grep]',
      '  memory: [project]',
      '  area: [graphql]',
      'name: "{{fw}}-api"',
    );
    expect(variant?.answers).toMatchObject({
      title: 'koa Developer',
      focus: 'shipping koa services',
      frameworks: ['koa', 'TypeScript'],
      datastores: ['Redis & Postgres'],
      areas: ['graphql', 'versioning'],
      model: 'opus',
      color: 'cyan',
      tools: 'Read, Grep',
      trigger: 'the user works on koa',
      examples: [{ context: 'a koa app', user: 'fix koa', assistant: 'Using the agent for koa', commentary: 'koa work' }, {}],
      customSections: [{ title: 'koa Notes', content: 'Use Redis & Postgres carefully.' }],
      frontmatter: { memory: 'project' },
    });
    const rendered = renderAgent(variant?.answers ?? { specialty: '' }, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).not.toContain('{{');
    expect(rendered.content).not.toContain('&amp;');
    expect(rendered.doc.frontmatter).toMatchObject({ name: 'koa-api', model: 'opus', color: 'cyan', tools: 'Read, Grep', memory: 'project' });
    expect(rendered.content).toContain('working mainly with koa and TypeScript, backed by Redis & Postgres.');
    expect(rendered.content).toContain('## koa Notes');
  });

  it('prints numbers and booleans of the matrix as text', () => {
    const variants = expand('defaults: { specialty: api, title: "v{{n}} {{flag}}" }', 'matrix:', '  n: [1, 2]', '  flag: [true]', 'name: "api-v{{n}}"');
    expect(variants.map((v) => [v.answers.name, v.answers.title])).toEqual([
      ['api-v1', 'v1 true'],
      ['api-v2', 'v2 true'],
    ]);
  });

  it('never evaluates {{ }} inside matrix values', () => {
    const [variant] = expand('defaults: { specialty: api, title: "{{fw}} Developer" }', 'matrix:', '  fw: ["{{name}}"]', 'name: api-x');
    expect(variant?.answers.title).toBe('{{name}} Developer');
  });

  it('gives explicit agents the defaults that use no matrix key, and never raw {{braces}}', () => {
    const variants = expand(
      'defaults: { specialty: api, color: cyan, title: "{{fw}} Developer", frameworks: ["{{fw}}"] }',
      'matrix: { fw: [koa] }',
      'name: "{{fw}}-api"',
      'agents:',
      '  - { name: plain-api }',
    );
    expect(variants[1]?.answers).toEqual({ specialty: 'api', color: 'cyan', name: 'plain-api' });
    const rendered = renderAgent(variants[1]?.answers ?? { specialty: '' }, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).not.toContain('{{');
    expect(rendered.doc.frontmatter.color).toBe('cyan');
  });

  it('throws a clear SpecError naming an unknown {{key}} and the variant', () => {
    const run = () => expand('defaults: { specialty: api, title: "{{framwork}} dev" }', 'matrix:', '  framework: [koa]', 'name: "{{framework}}-api"');
    expect(run).toThrow(SpecError);
    expect(run).toThrow(/spec\.yaml:1: defaults\.title \(matrix \{"framework":"koa"\}\): \{\{framwork\}\} is not a matrix key; the keys are: framework\./);
  });

  it('exits 2 on an unknown {{key}} and writes nothing', async () => {
    const { dir, out } = specIn('out: agents', 'defaults: { specialty: api }', 'matrix:', '  framework: [koa]', 'name: "{{framwork}}-api"');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/\{\{framwork\}\} is not a matrix key/);
    expect(filesIn(out)).toEqual([]);
  });
});
