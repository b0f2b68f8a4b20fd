import { homedir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { expandSpec, readSpec } from '../../src/spec/bulk.js';
import { kebabCase } from '../../src/spec/name.js';
import { fillTemplate, parseSpecTemplate } from '../../src/spec/template.js';
import { agentsmith } from '../helpers/cli.js';
import { defaultEnv, expand, filesIn, snapshot, specIn } from './fixtures.js';

let env: RenderEnv;
beforeAll(async () => {
  env = await defaultEnv();
});

/** The message expanding the spec fails with, with the temp folder taken out of its paths. */
function failure(...lines: string[]): string {
  const { dir, spec } = specIn(...lines);
  try {
    const read = readSpec(spec);
    expandSpec(read.spec, read.at);
  } catch (error) {
    return (error as Error).message.replaceAll(`${dir}/`, '');
  }
  throw new Error('expected the spec to be refused');
}

const GRID = ['defaults: { specialty: api }', 'matrix:', '  framework: [koa, hono]', '  node: [18, 20]', 'name: "{{framework}}-{{node}}"'];

describe('exclude and include entries that apply to nothing', () => {
  it('refuses an exclude key that is not a matrix key, naming the valid keys and the spec line', () => {
    expect(failure(...GRID, 'exclude:', '  - { framwork: koa }')).toBe(
      'spec.yaml:7: exclude[0] {"framwork":"koa"}: "framwork" is not a matrix key; the keys are: framework, node.',
    );
  });

  it('refuses an exclude value of another type than the matrix value ("18" against 18)', () => {
    expect(failure(...GRID, 'exclude:', '  - { framework: koa }', '  - { node: "18" }')).toMatch(
      /^spec\.yaml:8: exclude\[1\] \{"node":"18"\}: matches no combination: node takes 18 \(number\), the entry has "18" \(string\)/,
    );
  });

  it('refuses an exclude value the key does not take, listing the values', () => {
    expect(failure(...GRID, 'exclude: [{ framework: express }]')).toContain('matches no combination: framework takes "koa", "hono", not "express".');
  });

  it('refuses a matrix value listed twice at the line of the repeat (exit 2), instead of two variants each clashing with "itself"', async () => {
    expect(failure('defaults: { specialty: api }', 'matrix:', '  fw:', '    - express', '    - koa', '    - express', 'name: "{{fw}}-api"')).toBe(
      'spec.yaml:6: matrix.fw lists "express" more than once; each value makes its own agents, so remove the repeat.',
    );
    const { dir, out } = specIn('out: agents', 'defaults: { specialty: api }', 'matrix: { fw: [express, koa, express] }', 'name: "{{fw}}-api"');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('matrix.fw lists "express" more than once');
    expect(filesIn(out)).toEqual([]);
  });

  it('takes 18 and "18" as two values (they are told apart everywhere else)', () => {
    expect(expand('defaults: { specialty: api }', 'matrix: { node: [18, "18"] }', 'name: "n{{node}}"')).toHaveLength(2);
  });

  it('refuses an include key that is not a matrix key', () => {
    expect(failure(...GRID, 'include:', '  - { framework: bun, nod: 22 }')).toContain('include[0] {"framework":"bun","nod":22}: "nod" is not a matrix key');
  });

  it('says that an include entry lacks a key a template needs (not that the key is unknown), and names it include[…]', () => {
    const message = failure(
      'defaults: { specialty: api, title: "{{framework}} on {{datastore}}" }',
      'matrix: { framework: [koa], datastore: [pg] }',
      'include:',
      '  - { framework: hono }',
      'name: "{{framework}}-{{datastore}}"',
    );
    expect(message).toContain('(include[0] {"framework":"hono"}): {{datastore}} has no value: datastore is a matrix key, but the include entry at spec.yaml:4 does not set it');
    expect(message).not.toContain('is not a matrix key');
  });

  it('reports include combinations as include[…] in origins', () => {
    const variants = expand(...GRID, 'include:', '  - { framework: bun, node: 22 }');
    expect(variants.at(-1)?.origin).toBe('include[0] {"framework":"bun","node":22}');
  });
});

describe('template errors in spec fields', () => {
  it('names the field and spec line of an unclosed {{', () => {
    const message = failure('defaults: { specialty: api }', 'matrix: { fw: [koa] }', 'name: "x-{{fw"');
    expect(message).toMatch(/^spec\.yaml:3: name: "x-\{\{fw" is not a valid template: a "\{\{" is not closed/);
    expect(message).toContain('Write {{key}} with a matrix key (fw)');
    expect(message).not.toContain('Parse error on line 1');
  });

  it('refuses {{fw.length}} with a message about placeholders, not a TypeError', () => {
    const message = failure('defaults:', '  specialty: api', '  title: "{{fw.length}} dev"', 'matrix: { fw: [koa] }', 'name: "x-{{fw}}"');
    expect(message).toMatch(/^spec\.yaml:3: defaults\.title: \{\{fw\.length\}\} in "\{\{fw\.length\}\} dev" is not a placeholder/);
    expect(message).not.toContain("'in' operator");
  });

  it('refuses prototype properties such as {{constructor}} when they are not matrix keys', () => {
    expect(failure('defaults: { specialty: api, title: "{{constructor}} dev" }', 'matrix: { fw: [koa] }', 'name: "x-{{fw}}"')).toContain(
      '{{constructor}} is not a matrix key; the keys are: fw.',
    );
  });

  it('refuses helpers and blocks, which a spec has no use for, but {{kebab key}}', () => {
    expect(failure('defaults: { specialty: api, title: "{{#if fw}}x{{/if}}" }', 'matrix: { fw: [koa] }', 'name: "x-{{fw}}"')).toContain('is not a placeholder');
    for (const bad of ['{{upper fw}}', '{{kebab fw fw}}', '{{kebab fw.length}}', '{{kebab fw x=1}}', '{{kebab ../fw}}', '{{kebab @index}}']) {
      expect(failure('defaults: { specialty: api }', 'matrix: { fw: [koa] }', `name: "x-${bad}"`), bad).toContain('is not a placeholder');
    }
    expect(failure('defaults: { specialty: api }', 'matrix: { fw: [koa] }', 'name: "x-{{kebab db}}"')).toContain('{{db}} is not a matrix key; the keys are: fw.');
  });

  it('fills {{kebab key}} with the value in kebab-case, and {{key}} with the value as written', () => {
    expect(kebabCase('NestJS')).toBe('nestjs');
    expect(kebabCase('Node.js')).toBe('node-js');
    expect(kebabCase(' Spring Boot 3 ')).toBe('spring-boot-3');
    expect(kebabCase('Café Crème')).toBe('cafe-creme');
    const parts = parseSpecTemplate('{{kebab fw}}-on-{{kebab db}} ({{fw}})', ['fw', 'db']);
    expect(fillTemplate(parts, { fw: 'NestJS', db: 'PostgreSQL 16' })).toBe('nestjs-on-postgresql-16 (NestJS)');
  });

  it('exits 2 on a template error and writes nothing', async () => {
    const { dir } = specIn('out: agents', 'defaults: { specialty: api }', 'matrix: { fw: [koa] }', 'name: "x-{{fw"');
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('spec.yaml:4: name:');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('schema messages and forms', () => {
  it('says what a matrix key may be, not zod\'s "Invalid key in record"', async () => {
    const { dir } = specIn('defaults: { specialty: api }', 'matrix:', '  my-key: [a]', 'name: "x-{{a}}"');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('spec.yaml:3:3: matrix.my-key: matrix keys are identifiers (letters, digits, _)');
    expect(String(result.stderr)).not.toContain('Invalid key in record');
  });

  it('suggests the key meant for a mistyped one, at any level, and nothing for a key like no other', () => {
    expect(failure('defualts: { specialty: api }', 'agents: [{ name: a }]')).toContain('spec.yaml:1:1: (root): Unrecognized key: "defualts"; did you mean "defaults"?');
    expect(failure('agents:', '  - { specialty: api, name: a, modle: opus }')).toContain('spec.yaml:2:32: agents.0: Unrecognized key: "modle"; did you mean "model"?');
    expect(failure('agents:', '  - { specialty: api, name: a, sections: { identiy: x } }')).toContain('Unrecognized key: "identiy"; did you mean "identity"?');
    const unknown = failure('agents:', '  - { specialty: api, name: a, flavour: mint }');
    expect(unknown).toContain('agents.0: Unrecognized key: "flavour"\n');
    expect(unknown).not.toContain('did you mean');
  });

  it('reads YAML merge keys, with anchors kept under definitions', () => {
    const variants = expand(
      'definitions:',
      '  reviewer: &reviewer { specialty: auth, model: opus, tools: read-only }',
      'agents:',
      '  - <<: *reviewer',
      '    name: auth-reviewer',
      '  - { <<: *reviewer, name: jobs-reviewer, specialty: jobs }',
    );
    expect(variants.map((variant) => variant.answers)).toEqual([
      { specialty: 'auth', model: 'opus', tools: 'read-only', name: 'auth-reviewer' },
      { specialty: 'jobs', model: 'opus', tools: 'read-only', name: 'jobs-reviewer' },
    ]);
  });

  it('accepts tools as a list and renders the comma-separated string', () => {
    const [variant] = expand('agents:', '  - { specialty: api, name: lister, tools: [Read, Grep] }');
    const rendered = renderAgent(variant?.answers ?? { specialty: '' }, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).toContain('\ntools: Read, Grep\n');
  });

  it('renders tools: [] as an explicit empty list, which the client loads', () => {
    const [variant] = expand('agents:', '  - { specialty: api, name: no-tools, tools: [] }');
    const rendered = renderAgent(variant?.answers ?? { specialty: '' }, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).toContain('\ntools: []\n');
    expect(rendered.doc.verdict).toMatchObject({ kind: 'loaded', name: 'no-tools' });
  });
});

describe('specs that define no agents', () => {
  it('refuses an empty spec (exit 2) instead of reporting 0 agents', async () => {
    const { dir, out } = specIn('# nothing yet');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('the spec defines no agents; add a matrix (with a name template) or entries under agents.');
    expect(filesIn(out)).toEqual([]);
  });

  it('says so when the exclusions leave out every combination, rather than asking for a matrix', () => {
    expect(failure(...GRID, 'exclude: [{ framework: koa }, { framework: hono }]')).toBe(
      'spec.yaml:6: exclude leaves out every combination of the matrix, so the spec defines no agents; remove an exclusion, or add include or agents entries.',
    );
  });

  it('refuses a top-level name template without a matrix instead of ignoring it', () => {
    expect(failure('name: "{{fw}}-api"', 'agents:', '  - { specialty: api, name: one }')).toBe(
      'spec.yaml:1: name is a template for matrix agents, but the spec has no matrix; add a matrix, or give each entry of agents its own name.',
    );
  });
});

describe('values of the wrong kind', () => {
  it('say what the value is and what to write, not zod\'s "expected string, received array"', () => {
    const message = failure('agents:', '  - { specialty: api, name: [a] }', '  - { specialty: api, name: b, frameworks: Express }');
    expect(message).toContain('spec.yaml:2:23: agents.0.name: is a list; write it as text');
    expect(message).toContain('spec.yaml:3:32: agents.1.frameworks: is text; write it as a list');
    expect(message).not.toMatch(/Invalid input|expected \w+, received/);
  });
});

describe('agents without a specialty', () => {
  it('are refused at the line of each entry (the matrix once), saying where to set it (exit 2)', async () => {
    expect(failure('matrix: { fw: [a, b] }', 'name: "x-{{fw}}"', 'agents:', '  - { name: one }', '  - { name: two, specialty: api }')).toBe(
      [
        'spec.yaml:1: the matrix agents have no specialty; set specialty under defaults, or make it a matrix key ("agentsmith new --help" lists the specialties).',
        'spec.yaml:4: agents[0] has no specialty; set specialty in the entry or under defaults ("agentsmith new --help" lists the specialties).',
      ].join('\n'),
    );
    const { dir } = specIn('agents:', '  - { name: one }');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).not.toContain('expected string, received undefined');
  });

  it('take the specialty of defaults, or of a matrix key', () => {
    expect(expand('defaults: { specialty: api }', 'agents: [{ name: one }]').map((v) => v.answers.specialty)).toEqual(['api']);
    expect(expand('matrix: { specialty: [api, jobs] }', 'name: "{{specialty}}-dev"').map((v) => v.answers.specialty)).toEqual(['api', 'jobs']);
  });
});

describe('--json when the spec itself is wrong', () => {
  it('prints a JSON error object on stdout (and the message on stderr)', async () => {
    const { dir } = specIn('defaults: { specialty: api }', 'matrix: { fw: [koa] }', 'exclude: [{ fx: koa }]', 'name: "{{fw}}"');
    const result = await agentsmith(['bulk', 'spec.yaml', '--json'], dir);
    expect(result.exitCode).toBe(2);
    const report = JSON.parse(String(result.stdout)) as { written: boolean; error: string; files: unknown[] };
    expect(report).toMatchObject({ written: false, files: [], problems: [] });
    expect(report.error).toContain('"fx" is not a matrix key');
    expect(String(result.stderr)).toContain('"fx" is not a matrix key');
  });

  it('does so for --check --json too', async () => {
    const { dir } = specIn('defaults: [');
    const result = await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(String(result.stdout))).toMatchObject({ clean: false, files: [], error: expect.stringContaining('not valid YAML') });
  });
});

describe('frontmatter that repeats a key written from an answer', () => {
  it('is refused at the key\'s line, naming the answer to use, instead of the key being dropped without a word', () => {
    expect(failure('agents:', '  - specialty: api', '    name: fm', '    frontmatter:', '      permissionMode: plan', '      tools: Bash')).toContain(
      'spec.yaml is not valid:\n' +
        '  spec.yaml:6:7: agents.0.frontmatter.tools: "tools" is an answer key of its own: write tools: … beside frontmatter, not inside it (frontmatter only adds other keys, such as permissionMode)\n',
    );
  });

  it.each(['name', 'description', 'tools', 'model', 'color'])('refuses %s under frontmatter, in defaults and in agents entries alike, and writes nothing', async (key) => {
    const { dir, out } = specIn('out: agents', `defaults: { specialty: api, frontmatter: { ${key}: x } }`, 'agents:', '  - { name: fm }');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain(`spec.yaml:2:44: defaults.frontmatter.${key}: "${key}" is an answer key of its own`);
    expect(filesIn(out)).toEqual([]);
  });
});

describe('frontmatter the client would skip', () => {
  it('is reported once, in words (the client\'s reason and what is wrong), not also as the verdict\'s JSON', () => {
    const rendered = renderAgent({ specialty: 'api', name: 'hooked', frontmatter: { hooks: { PreToolUse: 1 } } }, env);
    expect(rendered.errors.map((d) => `${d.rule}: ${d.message}`)).toEqual([
      'load/skipped: Claude Code skips this file: Unknown parsing error (hooks.PreToolUse: must be an array of matchers).',
    ]);
  });
});

describe('an out that starts with ~', () => {
  it('is refused with the full path meant, instead of writing into a folder named ~ beside the spec', async () => {
    expect(failure("out: '~/.claude/agents'", 'agents: [{ specialty: api }]')).toBe(
      `spec.yaml:1: out "~/.claude/agents" starts with ~, which a spec does not expand (it would be a folder named ~ beside the spec); write the full path, such as ${JSON.stringify(join(homedir(), '.claude/agents'))}, or a path relative to the spec.`,
    );
    const { dir } = specIn("out: '~/.claude/agents'", 'agents: [{ specialty: api }]');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(filesIn(dir)).toEqual(['spec.yaml']);
    // Written as a path relative to the spec, a folder named ~ is still possible.
    expect(failure("out: './~/agents'", 'agents: []')).toContain('the spec defines no agents');
  });
});
