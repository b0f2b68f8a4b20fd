import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nodePlop from 'node-plop';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { agentPrompts, GENERATOR, registerAgentGenerator, type GeneratorOptions } from '../../src/plop/generator.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import type { Preset } from '../../src/spec/preset.js';
import { useTempFolders } from '../helpers/cli.js';

let presets: Map<string, Preset>;
beforeAll(async () => {
  presets = await loadPresets();
});

const folder = useTempFolders();

async function generator(options: Partial<GeneratorOptions> & { outDir: string }) {
  const plop = await nodePlop('', { destBasePath: options.outDir, force: options.force ?? false });
  registerAgentGenerator(plop, { presets, config: resolveConfig(), force: false, given: {}, ...options });
  return plop.getGenerator(GENERATOR);
}

describe('the plop generator run without prompts (runActions)', () => {
  it('writes a loadable agent into the output folder', async () => {
    const outDir = join(folder(), '.claude', 'agents');
    const agent = await generator({ outDir });
    const { changes, failures } = await agent.runActions({ specialty: 'database', name: 'db-expert' });
    expect(failures).toEqual([]);
    const file = join(outDir, 'db-expert.md');
    expect(changes.map((change) => change.path)).toEqual([file]);
    const doc = parseAgentFile(readFileSync(file, 'utf8'), file);
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'db-expert' });
    expect(doc.readMode).toBe('strict');
  });

  it('uses fresh actions on a second run in the same process, so the second name is not stale', async () => {
    const outDir = folder();
    const agent = await generator({ outDir });
    const first = await agent.runActions({ specialty: 'api', name: 'first-agent', title: 'First Title' });
    const second = await agent.runActions({ specialty: 'caching', name: 'second-agent', title: 'Second Title' });
    expect(first.failures).toEqual([]);
    expect(second.failures).toEqual([]);
    expect(readdirSync(outDir).sort()).toEqual(['first-agent.md', 'second-agent.md']);
    const one = readFileSync(join(outDir, 'first-agent.md'), 'utf8');
    const two = readFileSync(join(outDir, 'second-agent.md'), 'utf8');
    expect(one).toContain('You are a senior First Title.');
    expect(two).toContain('You are a senior Second Title.');
    expect(two).not.toContain('First Title');
    expect(parseAgentFile(two).frontmatter.name).toBe('second-agent');
  });

  it('writes the tools typed after choosing "list" at the tools question', async () => {
    const outDir = folder();
    const agent = await generator({ outDir });
    const questions = agentPrompts({ presets, config: resolveConfig(), outDir, force: false, given: {} });
    const followUp = questions.find((question) => question.name === 'toolsList') as unknown as { when: (a: object) => boolean };
    expect(followUp.when({ tools: 'list' })).toBe(true);
    expect(followUp.when({ tools: 'edit' })).toBe(false);
    const { failures } = await agent.runActions({ specialty: 'search', name: 'typed-tools', tools: 'list', toolsList: 'Read, Grep, mcp__github__get_issue' });
    expect(failures).toEqual([]);
    const doc = parseAgentFile(readFileSync(join(outDir, 'typed-tools.md'), 'utf8'));
    expect(doc.frontmatter.tools).toBe('Read, Grep, mcp__github__get_issue');
  });

  it('writes the frameworks and datastores typed after choosing "others", with those checked', async () => {
    const outDir = folder();
    const agent = await generator({ outDir });
    const questions = agentPrompts({ presets, config: resolveConfig(), outDir, force: false, given: {} });
    const question = (name: string) => questions.find((q) => q.name === name) as unknown as {
      choices: (answers: object) => { name?: string; value: string }[];
      when: (answers: object) => boolean;
    };
    const others = question('frameworks').choices({ specialty: 'api' }).at(-1);
    expect(others?.name).toBe('others (type them)');
    expect(question('datastores').choices({ specialty: 'api' }).at(-1)?.value).toBe(others?.value);
    expect(question('frameworksMore').when({ frameworks: ['Express', others?.value] })).toBe(true);
    expect(question('frameworksMore').when({ frameworks: ['Express'] })).toBe(false);
    const { failures } = await agent.runActions({
      specialty: 'api',
      name: 'own-stack',
      frameworks: ['Express', others?.value],
      frameworksMore: ' Ktor, Kotlin ,',
      datastores: [others?.value],
      datastoresMore: 'CockroachDB',
    });
    expect(failures).toEqual([]);
    const text = readFileSync(join(outDir, 'own-stack.md'), 'utf8');
    expect(text).toContain('working mainly with Express, Ktor and Kotlin, backed by CockroachDB.');
  });

  it('reports a failure and writes nothing when the name is a path', async () => {
    const root = folder();
    const outDir = join(root, 'agents');
    const agent = await generator({ outDir });
    const { changes, failures } = await agent.runActions({ specialty: 'api', name: '../escape' });
    expect(failures.length).toBe(1);
    expect(changes.length).toBe(0);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses to overwrite an existing file without force and overwrites it with force', async () => {
    const outDir = folder();
    const first = await generator({ outDir });
    expect((await first.runActions({ specialty: 'auth', name: 'auth-x', title: 'Old' })).failures).toEqual([]);
    const again = await first.runActions({ specialty: 'auth', name: 'auth-x', title: 'New' });
    expect(again.failures.length).toBe(1);
    expect(readFileSync(join(outDir, 'auth-x.md'), 'utf8')).toContain('You are a senior Old.');

    const forced = await generator({ outDir, force: true });
    expect((await forced.runActions({ specialty: 'auth', name: 'auth-x', title: 'New' })).failures).toEqual([]);
    expect(readFileSync(join(outDir, 'auth-x.md'), 'utf8')).toContain('You are a senior New.');
  });

  it('merges answers given by flags with the answers of the run', async () => {
    const outDir = folder();
    const agent = await generator({ outDir, given: { specialty: 'jobs', title: 'Flag Title' } });
    expect((await agent.runActions({ name: 'jobs-x' })).failures).toEqual([]);
    const text = readFileSync(join(outDir, 'jobs-x.md'), 'utf8');
    expect(text).toContain('You are a senior Flag Title.');
    expect(existsSync(join(outDir, 'jobs-x.md'))).toBe(true);
  });
});

describe('the prompts', () => {
  it('leave out every question answered by a flag', () => {
    const names = (given: GeneratorOptions['given']) =>
      agentPrompts({ presets, config: resolveConfig(), outDir: '.', force: false, given }).map((prompt) => prompt.name);
    expect(names({})).toEqual([
      'specialty', 'name', 'title', 'focus', 'frameworks', 'frameworksMore', 'datastores', 'datastoresMore', 'areas', 'model', 'color', 'tools', 'toolsList', 'exampleCount',
    ]);
    expect(names({ specialty: 'api', title: 'T', tools: 'full', frameworks: [] })).toEqual(['name', 'focus', 'datastores', 'datastoresMore', 'areas', 'model', 'color', 'exampleCount']);
  });

  it('validate the name as a file name and refuse one that exists unless forced', async () => {
    const outDir = folder();
    const agent = await generator({ outDir });
    await agent.runActions({ specialty: 'api', name: 'taken' });
    const validate = (force: boolean) => validator(outDir, force, 'name');
    expect(await validate(false)('good-name')).toBe(true);
    for (const bad of ['../x', '/abs', 'a/b', '.', '', 'Upper Case', 'two\nlines']) expect(typeof (await validate(false)(bad)), bad).toBe('string');
    expect(await validate(false)('taken')).toMatch(/exists/);
    expect(await validate(true)('taken')).toBe(true);
  });

  it("default to the specialty's name, or to the first free one when it is taken", async () => {
    const root = folder();
    const agents = join(root, '.claude', 'agents');
    const defaultName = (force: boolean) => {
      const prompt = agentPrompts({ presets, config: resolveConfig(), outDir: agents, force, given: {} }).find((p) => p.name === 'name');
      return (prompt as unknown as { default: (answers: object) => Promise<string> }).default({ specialty: 'api' });
    };
    expect(await defaultName(false)).toBe('api-developer');
    expect((await (await generator({ outDir: agents })).runActions({ specialty: 'api' })).failures).toEqual([]);
    // api-developer-2 is registered by a file elsewhere in the tree: not free either.
    expect((await (await generator({ outDir: join(agents, 'team') })).runActions({ specialty: 'api', name: 'api-developer-2' })).failures).toEqual([]);
    expect(await defaultName(false)).toBe('api-developer-3');
    // With --force, the specialty's own file may be overwritten.
    expect(await defaultName(true)).toBe('api-developer');
  });

  it('refuse a name another file in the agents tree registers, with or without force', async () => {
    const root = folder();
    const agents = join(root, '.claude', 'agents');
    const team = await generator({ outDir: join(agents, 'team') });
    expect((await team.runActions({ specialty: 'api' })).failures).toEqual([]);
    for (const force of [false, true]) {
      expect(await validator(agents, force, 'name')('api-developer')).toMatch(/already registered by .*team\/api-developer\.md/);
    }
    const direct = await generator({ outDir: agents, force: true });
    const { failures } = await direct.runActions({ specialty: 'api' });
    expect(failures.length).toBe(1);
    expect(readdirSync(agents)).toEqual(['team']);
  });

  it('re-ask a blank title or focus, and any answer with a line break', async () => {
    for (const question of ['title', 'focus', 'toolsList']) {
      const validate = validator(folder(), false, question);
      for (const bad of ['', '  ', '\u200b', 'a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b']) {
        expect(typeof (await validate(bad, { specialty: 'api' })), `${question} ${JSON.stringify(bad)}`).toBe('string');
      }
      expect(await validate('Something Real', { specialty: 'api' })).toBe(true);
    }
  });

  it('re-ask a typed tools list that names no tool', async () => {
    const validate = validator(folder(), false, 'toolsList');
    for (const bad of [',', ' , ,']) expect(await validate(bad)).toMatch(/names no tool/);
    expect(await validate('Read, Grep')).toBe(true);
  });

  it('offer only the specialties that have as many examples as --example-count asks for', () => {
    // A team preset with fewer examples than ours: it cannot honour a count of 3.
    const api = presets.get('api') as Preset;
    const mixed = new Map([...presets, ['api', { ...api, examples: api.examples.slice(0, 2) }]]);
    const [specialty] = agentPrompts({ presets: mixed, config: resolveConfig(), outDir: '.', force: false, given: { exampleCount: 3 } });
    const choices = (specialty as unknown as { choices: { value: string; disabled: string | false }[] }).choices;
    expect(choices.find((choice) => choice.value === 'api')?.disabled).toBe('has 2 worked examples, --example-count is 3');
    expect(choices.filter((choice) => choice.disabled).map((choice) => choice.value)).toEqual(['api']);
  });
});

describe('the worked examples question', () => {
  it('says that one example draws a warning from check, or a refusal where the config makes the rule an error, unless it is off', () => {
    const labels = (config: ReturnType<typeof resolveConfig>) => {
      const prompt = agentPrompts({ presets, config, outDir: '.', force: false, given: {} }).find((p) => p.name === 'exampleCount');
      return (prompt as unknown as { choices: (answers: object) => { name: string }[] }).choices({ specialty: 'api' }).map((choice) => choice.name);
    };
    expect(labels(resolveConfig())).toEqual(['1  (check warns: description/examples asks for 2 or more)', '2', '3']);
    expect(labels(resolveConfig({ rules: { 'description/examples': 'off' } }))).toEqual(['1', '2', '3']);
    expect(labels(resolveConfig({ rules: { 'description/examples': 'error' } }))[0]).toBe('1  (refused: the config makes description/examples, 2 or more, an error)');
  });
});

describe('the model and color questions', () => {
  it("default to the specialty's value, or to the first the team's config lists when it is not listed", () => {
    const defaultOf = (config: ReturnType<typeof resolveConfig>, name: string) => {
      const prompt = agentPrompts({ presets, config, outDir: '.', force: false, given: {} }).find((p) => p.name === name);
      return (prompt as unknown as { default: (answers: object) => string }).default({ specialty: 'api' });
    };
    expect([defaultOf(resolveConfig(), 'model'), defaultOf(resolveConfig(), 'color')]).toEqual([presets.get('api')?.model, presets.get('api')?.color]);
    const team = resolveConfig({ models: ['opus', 'haiku'], colors: ['red', 'cyan'] });
    expect([defaultOf(team, 'model'), defaultOf(team, 'color')]).toEqual(['opus', 'red']);
  });
});

describe('the specialty question after --areas without --specialty', () => {
  it('offers only the specialties that have every area given, so the file is not refused after the last question', () => {
    const [specialty] = agentPrompts({ presets, config: resolveConfig(), outDir: '.', force: false, given: { areas: ['graphql', 'versioning'] } });
    const choices = (specialty as unknown as { choices: { value: string; disabled: string | false }[] }).choices;
    expect(choices.filter((choice) => !choice.disabled).map((choice) => choice.value)).toEqual(['api']);
    expect(choices.find((choice) => choice.value === 'database')?.disabled).toBe('no area graphql, versioning');
  });
});

/** The validate function of one question, as inquirer calls it (value, answers so far). */
function validator(outDir: string, force: boolean, name: string) {
  const prompt = agentPrompts({ presets, config: resolveConfig(), outDir, force, given: {} }).find((p) => p.name === name);
  return (prompt as unknown as { validate: (value: string, answers?: object) => true | string | Promise<true | string> }).validate;
}
