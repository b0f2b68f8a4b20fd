import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { givenAnswers } from '../../src/commands/new-answers.js';
import { validateMore, validateText, validateToolList } from '../../src/plop/validators.js';
import { describeProblems } from '../../src/commands/new.js';
import { resolveConfig } from '../../src/rules/index.js';
import { parseAgentFile } from '../../src/parser/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import type { Preset } from '../../src/spec/preset.js';
import { agentsmith, useTempFolders } from '../helpers/cli.js';

let presets: Map<string, Preset>;
beforeAll(async () => {
  presets = await loadPresets();
});

const folder = useTempFolders();
const BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f'];
const ONE_LINE_FLAGS = ['name', 'title', 'focus', 'frameworks', 'datastores', 'areas', 'model', 'color', 'tools'];

/** The message givenAnswers throws for these flags, or undefined when it accepts them. */
function refusal(values: Record<string, string>): string | undefined {
  try {
    givenAnswers({ specialty: 'api', ...values }, presets);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('answers given by flags, checked one by one', () => {
  it.each(ONE_LINE_FLAGS)('refuses every kind of line break in --%s, naming the flag', (flag) => {
    for (const brk of BREAKS) {
      const message = refusal({ [flag]: `api${brk}## Injected` });
      expect(message, JSON.stringify(brk)).toMatch(new RegExp(`^agentsmith new --${flag} ".*": .*line break`));
      expect(message).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
    }
  });

  it.each([
    ['title', ''],
    ['title', '   '],
    ['title', '\u200b'],
    ['focus', ''],
    ['focus', '\t '],
    ['focus', '\u200b\u00a0'],
  ])('refuses --%s %j as empty', (flag, value) => {
    expect(refusal({ [flag]: value })).toMatch(new RegExp(`--${flag} ".*": the ${flag} is empty; write something such as`));
  });

  it.each([
    ['title', '...'],
    ['title', '\u{1F680}'],
    ['focus', '--- ## ---'],
  ])('refuses --%s %j as having no letter or digit, not as empty (it is not)', (flag, value) => {
    expect(refusal({ [flag]: value })).toMatch(new RegExp(`--${flag} ".*": the ${flag} has no letter or digit; write something such as`));
  });

  it.each([
    ['title', 'Red\u001b[31m Engineer', 'U+001B'],
    ['focus', 'ringing\u0007 the bell', 'U+0007'],
    ['focus', 'text that reads \u202eesrever ni', 'U+202E'],
    ['title', 'C1\u009b31m', 'U+009B'],
    ['frameworks', 'Express,\u001b[0mFastAPI', 'U+001B'],
    ['model', 'opus\u0000', 'U+0000'],
    ['tools', 'Read,\u2066Bash', 'U+2066'],
  ])('refuses --%s %j, which holds the invisible control %s', (flag, value, code) => {
    expect(refusal({ [flag]: value })).toMatch(new RegExp(`^agentsmith new --${flag} ".*": .*holds the invisible control character ${code.replace('+', '\\+')}`));
  });

  it('shows a refused C1 control or DEL as an escape, never raw on the terminal', () => {
    const message = refusal({ title: 'C1\u009b31m \u007f' }) ?? '';
    expect(message).toMatch(/^agentsmith new --title "C1\\u009b31m \\u007f": /);
    expect(message).not.toMatch(/[\u007f-\u009f]/);
  });

  it('asks again at the questions for a typed answer holding a control character', () => {
    expect(validateText('API\u001b[0m Lead', 'the title', 'API Developer')).toMatch(/the title holds the invisible control character U\+001B/);
    expect(validateMore('Ktor, \u202eroK')).toMatch(/the list holds the invisible control character U\+202E/);
    expect(validateToolList('Read, \u0007Grep')).toMatch(/the list holds the invisible control character U\+0007/);
    expect([validateText('API Lead', 'the title', 'x'), validateMore('Ktor'), validateToolList('Read, Grep')]).toEqual([true, true, true]);
  });

  it('keeps a tab, and text in any script, as text', () => {
    expect(refusal({ title: 'Ingénieur\tdonnées', focus: 'データベース', frameworks: 'Ktor' })).toBeUndefined();
  });

    it('shows invisible characters of a refused value as escapes', () => {
    expect(refusal({ title: '\u200b' })).toMatch(/^agentsmith new --title "\\u200b": the title is empty/);
  });

  it('names the flag and a kebab-case suggestion for a bad --name', () => {
    expect(refusal({ name: 'MyAgent' })).toMatch(/^agentsmith new --name "MyAgent": .*kebab-case.*"my-agent"/);
  });

  it('names --areas and the valid ids for an unknown area', () => {
    expect(refusal({ areas: 'versioning,nope' })).toMatch(/^agentsmith new --areas "versioning,nope": "nope" is not an area of the specialty "api"; choose from contract-design/);
  });

  it('refuses an example count the specialty cannot honour, naming its range', () => {
    const count = presets.get('api')?.examples.length ?? 0;
    for (const bad of ['0', String(count + 1), '9', '1.5', 'two', '']) {
      expect(refusal({ 'example-count': bad }), bad).toBe(`agentsmith new --example-count ${JSON.stringify(bad)}: give a whole number from 1 to ${count} (the specialty "api" has ${count} worked examples).`);
    }
    expect(refusal({ 'example-count': String(count) })).toBeUndefined();
  });

  it('refuses --areas without --specialty when no specialty has them all, or the list is empty', () => {
    const without = (values: Record<string, string>, from = presets) => {
      try {
        givenAnswers(values, from);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(without({ areas: 'graphql,versioning' })).toBeUndefined();
    expect(without({ areas: 'graphql,schema-design' })).toMatch(/^agentsmith new --areas "graphql,schema-design": no specialty has all of these areas; .*--help lists the area ids/);
    expect(without({ areas: '' })).toMatch(/^agentsmith new --areas "": the list is empty/);
    // A team's api preset with 2 examples: the one specialty with graphql cannot give the 3 others have.
    const api = presets.get('api') as Preset;
    const mixed = new Map([...presets, ['api', { ...api, examples: api.examples.slice(0, 2) }]]);
    expect(without({ areas: 'graphql', 'example-count': '3' }, mixed)).toMatch(/^agentsmith new --example-count "3": the specialties with these areas \(api\) have fewer worked examples/);
    expect(without({ areas: 'graphql', 'example-count': '2' }, mixed)).toBeUndefined();
  });

  it.each([' ', ',', ' , ,'])('refuses --tools %j, which names no tool, and says what \'\' would mean', (tools) => {
    expect(refusal({ tools })).toBe(
      `agentsmith new --tools ${JSON.stringify(tools)}: the tools list names no tool; give read-only, edit, full or tools such as "Read, Grep", or '' to leave tools out (the agent then inherits every tool).`,
    );
  });

  it('keeps empty tools, model, frameworks and datastores: they mean "leave it out" or "none"', () => {
    expect(refusal({ tools: '', model: '', frameworks: '', datastores: '' })).toBeUndefined();
  });
});

describe('agentsmith new reports bad answers against their flags', () => {
  it('exits 2 on --name MyAgent with the flag, not as a problem of the rendered file', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--name', 'MyAgent'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--name "MyAgent": .*try "my-agent"/);
    expect(String(result.stderr)).not.toMatch(/rendered file/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a title pasted with a terminal colour sequence, writing nothing', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--title', '\u001b[1mAPI Lead\u001b[0m'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/^agentsmith new --title "\\u001b\[1mAPI Lead\\u001b\[0m": the title holds the invisible control character U\+001B; remove it/);
    expect(readdirSync(cwd)).toEqual([]);
  });

    it('refuses an empty title and a focus with a line break, writing nothing', async () => {
    const cwd = folder();
    const title = await agentsmith(['new', '--specialty', 'api', '--yes', '--title', ''], cwd);
    expect(title.exitCode).toBe(2);
    expect(String(title.stderr)).toMatch(/--title "": the title is empty/);
    const focus = await agentsmith(['new', '--specialty', 'api', '--yes', '--focus', 'one\n## Injected'], cwd);
    expect(focus.exitCode).toBe(2);
    expect(String(focus.stderr)).toMatch(/--focus "one\\n## Injected": the focus holds a line break/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses at once, without a terminal, --areas that no specialty has all of, before naming missing flags', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--areas', 'graphql,schema-design'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/^agentsmith new --areas "graphql,schema-design": no specialty has all of these areas/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    // The blanks and the closing period around a title go; its own rank is kept ("a Staff …", not "a senior Staff …").
    ['api', 'api-developer', '  Staff API Developer.  ', 'You are a Staff API Developer.'],
    ['database', 'database-engineer', 'Senior Backend Engineer', 'You are a Senior Backend Engineer.'],
  ])('writes the %s title %j as it reads, never "a senior Senior"', async (specialty, file, title, opening) => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', specialty, '--yes', '--title', title], cwd);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(cwd, '.claude', 'agents', `${file}.md`), 'utf8');
    expect(text).toContain(`\n${opening} Your expertise`);
    expect(text).not.toMatch(/senior (senior|staff)/i);
  });

  it('takes a focus typed as the whole sentence ("You focus on …") without repeating the lead-in', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'database', '--yes', '--focus', 'You focus on keeping migrations safe to deploy.'], cwd);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(cwd, '.claude', 'agents', 'database-engineer.md'), 'utf8');
    expect(text).toMatch(/ You focus on keeping migrations safe to deploy\.$/m);
    expect(text).not.toMatch(/You focus on you focus on/i);
  });

  it('names a framework or datastore given twice once', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--frameworks', 'Express, FastAPI,Express', '--datastores', 'Redis,Redis '], cwd);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(cwd, '.claude', 'agents', 'api-developer.md'), 'utf8');
    expect(text).toContain('working mainly with Express and FastAPI, backed by Redis.');
  });

  it('writes a typed tools list the canonical way, commas inside parentheses kept', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--tools', ' Read ,, Grep ,Bash(git diff:*, git log:*),'], cwd);
    expect(result.exitCode).toBe(0);
    const doc = parseAgentFile(readFileSync(join(cwd, '.claude', 'agents', 'api-developer.md'), 'utf8'));
    expect(doc.frontmatter.tools).toBe('Read, Grep, Bash(git diff:*, git log:*)');
    expect(String(result.stderr)).toBe('');
  });

  it('writes --model and --color without the blanks pasted around them, so check has nothing to warn about', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--model', ' opus ', '--color', '\tgreen '], cwd);
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toBe('');
    const text = readFileSync(join(cwd, '.claude', 'agents', 'api-developer.md'), 'utf8');
    expect(text).toContain('\nmodel: opus\ncolor: green\n');
    const check = await agentsmith(['check'], cwd);
    expect([check.exitCode, String(check.stdout)]).toEqual([0, expect.stringMatching(/no problems in 1 file/)]);
  });

  it('refuses --example-count 9 with the range, not zod text', async () => {
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--example-count', '9'], folder());
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--example-count "9": give a whole number from 1 to 3 \(the specialty "api" has 3 worked examples\)/);
    expect(String(result.stderr)).not.toMatch(/Too big|expected number/);
  });

  it('says that --out is a file and must be a folder', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'somefile'), 'x');
    for (const out of ['somefile', 'somefile/deeper']) {
      const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--out', out], cwd);
      expect(result.exitCode).toBe(2);
      expect(String(result.stderr)).toMatch(/is a file.*it must be a folder \(a folder is created when missing\)\.$/m);
      expect(String(result.stderr)).not.toMatch(/EEXIST|ENOTDIR/);
    }
  });

  it('says a symbolic link loop at --out is one, without a note about folders made when missing', async () => {
    const cwd = folder();
    symlinkSync('loop1', join(cwd, 'loop1'));
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--out', 'loop1/x'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--out "loop1\/x": loop1\/x cannot be used: .*symbolic link loop/);
    expect(String(result.stderr)).not.toContain('created when missing');
  });

  it.each(['.claude/agents', '.claude'])('says that %s is a file when it stands where the default agents folder goes', async (file) => {
    const cwd = folder();
    mkdirSync(join(cwd, '.claude'), { recursive: true });
    if (file === '.claude') rmSync(join(cwd, '.claude'), { recursive: true });
    writeFileSync(join(cwd, file), 'x');
    for (const extra of [[], ['--force']]) {
      const result = await agentsmith(['new', '--specialty', 'api', '--yes', ...extra], cwd);
      expect(result.exitCode).toBe(2);
      expect(String(result.stderr)).toMatch(new RegExp(`^agentsmith new: the agents folder .*\\.claude/agents cannot be used: .*${file.replace('.', '\\.')} is a file.*Rename that file, or choose a folder with --out\\.`));
    }
    expect(readFileSync(join(cwd, file), 'utf8')).toBe('x');
  });

  it('words a flag value starting with - and tells how to pass it', async () => {
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--title', '---'], folder());
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('--title needs a value; to pass a value starting with -, write --title=---.');
    expect(String(result.stderr)).not.toMatch(/\.\./);
  });

  it('lists the area ids of every specialty in --help, and what an empty --tools or --model means', async () => {
    const help = String((await agentsmith(['new', '--help'], folder())).stdout);
    for (const preset of presets.values()) {
      const areas = preset.responsibilities.map((area) => `${area.id}${area.default ? '*' : ''}`).join(', ');
      expect(help).toContain(`areas: ${areas}`);
      // The name --yes writes is not always the id (caching's agent is performance-engineer): say it.
      expect(help).toMatch(new RegExp(`^ {2}${preset.id} .*\\n {4,}name: ${preset.name}; areas: `, 'm'));
    }
    expect(help).toMatch(/^  caching +.*\n +name: performance-engineer; /m);
    expect(help).toMatch(/--example-count N .*\n.*1 falls short of description\/examples \(2 or more\): a check warning/);
    expect(help).toMatch(/'' leaves tools out: the agent then inherits EVERY tool/);
    expect(help).toMatch(/'' leaves model out/);
    expect(help).toMatch(/--color C .*; '' leaves color out/);
  });

  it("offers in --help the models and colors of the team's config, not the built-in lists", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'agentsmith.config.yaml'), 'models: [opus, claude-opus-4-1]\ncolors: [red, cyan]\n');
    const help = String((await agentsmith(['new', '--help'], cwd)).stdout);
    expect(help).toMatch(/--model M +opus, claude-opus-4-1 \(the config's models\);/);
    expect(help).toMatch(/--color C +red, cyan; '' leaves color out\n/);
    expect(help).not.toMatch(/sonnet|full model id/);
  });
});

describe('agentsmith new --help with a config that cannot be used', () => {
  it.each([
    ['is not YAML', 'agentsmith.config.yaml', 'models: [opus\n', "models, colors and specialties"],
    ['has a bad value', 'agentsmith.config.yaml', 'models: 3\n', "models, colors and specialties"],
    ['names a presets folder that does not exist', 'agentsmith.config.yaml', 'models: [opus]\npresets: ./nope\n', 'specialties'],
  ])('still prints the help (exit 0) when the config %s, saying so in one line on stderr', async (_, file, text, what) => {
    const cwd = folder();
    writeFileSync(join(cwd, file), text);
    const result = await agentsmith(['new', '--help'], cwd);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toMatch(/^Usage: agentsmith new/);
    for (const id of presets.keys()) expect(String(result.stdout)).toMatch(new RegExp(`^  ${id} `, 'm'));
    const lines = String(result.stderr).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^agentsmith new: note: .*agentsmith\.config\.yaml|^agentsmith new: note: presets folder .*nope does not exist/);
    expect(lines[0]).toContain(`the help below lists agentsmith's own ${what}, not the team's`);
    // Without --help the same config still stops new, with the whole message.
    const run = await agentsmith(['new', '--specialty', 'api', '--yes'], cwd);
    expect(run.exitCode).toBe(2);
    expect(readdirSync(cwd)).toEqual([file]);
  });

  it('says which fields a team preset lacks, and what to write, not zod\'s "expected string, received undefined"', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'presets'));
    writeFileSync(join(cwd, 'presets', 'mine.yaml'), 'id: mine\n');
    writeFileSync(join(cwd, 'agentsmith.config.yaml'), 'presets: presets\n');
    const result = await agentsmith(['new', '--specialty', 'mine', '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/presets\/mine\.yaml:1:1: summary: missing; add it, written as text$/m);
    expect(String(result.stderr)).toMatch(/presets\/mine\.yaml:1:1: responsibilities: missing; add it, written as a list$/m);
    expect(String(result.stderr)).not.toMatch(/Invalid input|received undefined/);
  });

  it("keeps the config's models when only its presets folder is missing", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'agentsmith.config.yaml'), 'models: [opus]\npresets: ./nope\n');
    const help = String((await agentsmith(['new', '--help'], cwd)).stdout);
    expect(help).toMatch(/--model M +opus \(the config's models\);/);
  });
});

describe('agentsmith new and names already registered in the agents folder', () => {
  it('refuses a name another file in the agents tree registers, even with --force, naming that file', async () => {
    const cwd = folder();
    const team = join(cwd, '.claude', 'agents', 'team');
    mkdirSync(team, { recursive: true });
    expect((await agentsmith(['new', '--specialty', 'api', '--yes', '--out', '.claude/agents/team'], cwd)).exitCode).toBe(0);
    for (const extra of [[], ['--force']]) {
      const result = await agentsmith(['new', '--specialty', 'api', '--yes', ...extra], cwd);
      expect(result.exitCode, extra.join(' ')).toBe(1);
      expect(String(result.stderr)).toMatch(/"api-developer" is already registered by \.claude\/agents\/team\/api-developer\.md.*"api-developer-2"/);
    }
    expect(readdirSync(join(cwd, '.claude', 'agents'))).toEqual(['team']);
    expect((await agentsmith(['check'], cwd)).exitCode).toBe(0);
  });

  it('refuses a name registered by a file of another name, and still overwrites its own file with --force', async () => {
    const cwd = folder();
    const agents = join(cwd, '.claude', 'agents');
    expect((await agentsmith(['new', '--specialty', 'api', '--yes'], cwd)).exitCode).toBe(0);
    expect((await agentsmith(['new', '--specialty', 'api', '--yes', '--force', '--title', 'Again'], cwd)).exitCode).toBe(0);
    mkdirSync(join(agents, 'old'));
    writeFileSync(join(agents, 'old', 'legacy.md'), '---\nname: db-expert\ndescription: An older database agent.\n---\nBody.\n');
    const result = await agentsmith(['new', '--specialty', 'database', '--name', 'db-expert', '--yes'], cwd);
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toMatch(/registered by \.claude\/agents\/old\/legacy\.md/);
    expect(readdirSync(agents).sort()).toEqual(['api-developer.md', 'old']);
  });
});

describe('agentsmith new after writing', () => {
  it.each([
    [['--model', 'yes'], 'field/model'],
    [['--tools', 'Frobnicate'], 'field/tools'],
  ])('prints the rule warnings of %j on stderr and still exits 0', async (flags, rule) => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', ...flags], cwd);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toMatch(/^Wrote /);
    expect(String(result.stderr)).toMatch(new RegExp(`api-developer\\.md:\\d+:\\d+  warning  ${rule}  `));
  });

  it('notes that an agent without tools inherits every tool', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--tools', ''], cwd);
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toMatch(/no "tools" line, so the agent inherits every tool.*least privilege/);
    const scoped = await agentsmith(['new', '--specialty', 'api', '--yes', '--name', 'scoped', '--tools', 'read-only'], cwd);
    expect(String(scoped.stderr)).not.toMatch(/inherits every tool/);
  });
});

describe('a team template with a mistake', () => {
  it('names the partial file, the line, and the values templates get', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'tpl', 'partials'), { recursive: true });
    writeFileSync(join(cwd, 'agentsmith.config.yaml'), 'templates: ./tpl\n');
    writeFileSync(join(cwd, 'tpl', 'partials', 'closing.hbs'), 'Closing words.\nYou are {{nosuch}}.\n');
    const result = await agentsmith(['new', '--specialty', 'api', '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    const stderr = String(result.stderr);
    expect(stderr).toContain(`${join(cwd, 'tpl', 'partials', 'closing.hbs')}:2:11: "nosuch" is not a value the templates get`);
    expect(stderr).toMatch(/They get: frontmatter, name, title/);
    expect(stderr).not.toMatch(/\[object Object\]/);
    expect(readdirSync(cwd).sort()).toEqual(['agentsmith.config.yaml', 'tpl']);
  });
});

describe('agentsmith new --out ""', () => {
  it('is refused (exit 2) instead of writing into the current folder', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--out', ''], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--out "": the output folder is empty/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('describeProblems, the refusal of a rendered file', () => {
  const rendered = (rule: string) =>
    ({ errors: [{ rule, severity: 'error', message: 'm.', line: 2, column: 1 }] }) as unknown as Parameters<typeof describeProblems>[0];

  it('names the config as a way out only where it made a rule an error, not where it restates an error by default', () => {
    const config = { ...resolveConfig({ rules: { 'field/model': 'error', 'load/skipped': 'error' } }), source: 'agentsmith.config.yaml' };
    expect(describeProblems(rendered('field/model'), config)).toContain('agentsmith.config.yaml makes field/model an error');
    expect(describeProblems(rendered('load/skipped'), config)).not.toContain('makes load/skipped an error');
  });
});
