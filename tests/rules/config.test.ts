import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfig, severityOf } from '../../src/rules/index.js';
import { tempDir } from '../helpers/cli.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A fresh folder holding one config file with this text. */
function folderWith(file: string, text: string): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, file), text);
  return dir;
}

async function configError(dir: string): Promise<string> {
  const error = await loadConfig(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('loadConfig', () => {
  it('gives the defaults when the folder has no config', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const config = await loadConfig(dir);
    expect(config).toEqual(resolveConfig());
    expect(config.source).toBeUndefined();
    expect(config.sections).toHaveLength(5);
  });

  it('reads agentsmith.config.yaml: lists replace the defaults, tools add to them, paths resolve from the file', async () => {
    const dir = folderWith(
      'agentsmith.config.yaml',
      'sections: [Scope]\nmodels: [sonnet]\ncolors: [teal]\ntools: [TeamDeploy]\nrules:\n  body/length: off\npresets: my-presets\n',
    );
    const config = await loadConfig(dir);
    expect(config.sections).toEqual(['Scope']);
    expect(config.models).toEqual(['sonnet']);
    expect(config.colors).toEqual(['teal']);
    expect(config.tools).toContain('Read');
    expect(config.tools).toContain('TeamDeploy');
    expect(config.rules).toEqual({ 'body/length': 'off' });
    expect(config.presets).toBe(join(dir, 'my-presets'));
    expect(config.source).toBe(join(dir, 'agentsmith.config.yaml'));
  });

  it('reads agentsmith.config.json and agentsmith.config.yml too', async () => {
    expect((await loadConfig(folderWith('agentsmith.config.json', '{"models": ["opus"]}'))).models).toEqual(['opus']);
    expect((await loadConfig(folderWith('agentsmith.config.yml', 'models: [haiku]\n'))).models).toEqual(['haiku']);
  });

  it('reads an empty file as no settings', async () => {
    expect((await loadConfig(folderWith('agentsmith.config.yaml', ''))).rules).toEqual({});
  });

  it('rejects an unknown key, naming the file and the key', async () => {
    const dir = folderWith('agentsmith.config.yaml', 'sectons: [Scope]\n');
    const message = await configError(dir);
    expect(message).toContain(join(dir, 'agentsmith.config.yaml'));
    expect(message).toContain('the config is not valid');
    expect(message).toContain('sectons');
    expect(message).toContain('Expected keys: sections, models, colors, tools, rules');
  });

  it('rejects a severity other than off, warn or error', async () => {
    const message = await configError(folderWith('agentsmith.config.yaml', 'rules:\n  body/length: warning\n'));
    expect(message).toMatch(/rules\.body\/length: /);
  });

  it('rejects an empty list of models or colors, which would allow none (every agent "not one of ."), saying what to write', async () => {
    expect(await configError(folderWith('agentsmith.config.yaml', 'models: []\n'))).toContain('line 1: models: list at least one model, or leave models out for the defaults');
    expect(await configError(folderWith('agentsmith.config.yaml', 'colors: []\n'))).toContain('line 1: colors: list at least one color, or leave colors out for the defaults');
  });

  it('rejects a rule id that does not exist and suggests the closest one', async () => {
    const message = await configError(folderWith('agentsmith.config.yaml', 'rules:\n  body/lenght: off\n'));
    expect(message).toContain('rules.body/lenght: unknown rule; did you mean "body/length"?');
  });

  it('reports every problem of the config at once, each with its line and a suggestion', async () => {
    const text = 'rules:\n  field/model: warning\n  body/lenght: off\n  body/length: err\n  name/format: none\n  name/file-name: false\n';
    const message = await configError(folderWith('agentsmith.config.yaml', text));
    expect(message).toContain('the config is not valid (5 problems)');
    expect(message).toContain('line 2: rules.field/model: must be off, warn or error, not "warning"; did you mean "warn"?');
    expect(message).toContain('line 3: rules.body/lenght: unknown rule; did you mean "body/length"?');
    expect(message).toContain('line 4: rules.body/length: must be off, warn or error, not "err"; did you mean "error"?');
    expect(message).toContain('line 5: rules.name/format: must be off, warn or error, not "none"; did you mean "off"?');
    expect(message).toContain('line 6: rules.name/file-name: must be off, warn or error, not false; did you mean "off"?');
  });

  it('gives the lines of a JSON config\'s problems too, and of an unknown top-level key', async () => {
    const message = await configError(folderWith('agentsmith.config.json', '{\n  "colours": ["red"],\n  "rules": {"x/y": "warn"}\n}\n'));
    expect(message).toContain('line 2: colours: unknown key');
    expect(message).toContain('line 3: rules.x/y: unknown rule');
  });

  it('suggests the key meant for a word two edits away (colour → colors)', async () => {
    expect(await configError(folderWith('agentsmith.config.yaml', 'colour: [red]\n'))).toContain('line 1: colour: unknown key; did you mean "colors"?');
  });

  it('gives no suggestion for an unknown key far from every known one', async () => {
    const message = await configError(folderWith('agentsmith.config.yaml', 'verbose: true\n'));
    expect(message).toContain('line 1: verbose: unknown key\n');
  });

  it('takes presets and templates relative to the config\'s folder, and an absolute path as written', async () => {
    const dir = folderWith('agentsmith.config.yaml', 'presets: ./team/presets\ntemplates: /opt/shared/templates\n');
    const config = await loadConfig(dir);
    expect(config.presets).toBe(join(dir, 'team', 'presets'));
    expect(config.templates).toBe('/opt/shared/templates');
  });

  it('rejects a file that is not YAML or not JSON, saying it cannot read it', async () => {
    expect(await configError(folderWith('agentsmith.config.yaml', 'rules: [unclosed\n'))).toContain('cannot read the config');
    expect(await configError(folderWith('agentsmith.config.json', '{"rules": '))).toContain('cannot read the config');
  });

  it('rejects a list where a map of rules belongs', async () => {
    expect(await configError(folderWith('agentsmith.config.yaml', 'rules: [body/length]\n'))).toContain('rules');
  });
});

describe('severityOf', () => {
  it('uses the default severity of the rule when the config says nothing', () => {
    const config = resolveConfig();
    expect(severityOf('load/skipped', config)).toBe('error');
    expect(severityOf('body/length', config)).toBe('warning');
  });

  it('turns a rule off, to a warning, or to an error', () => {
    const config = resolveConfig({ rules: { 'load/skipped': 'off', 'body/length': 'error', 'name/duplicate': 'warn' } });
    expect(severityOf('load/skipped', config)).toBeUndefined();
    expect(severityOf('body/length', config)).toBe('error');
    expect(severityOf('name/duplicate', config)).toBe('warning');
  });
});

describe('config values of the wrong shape say what to write', () => {
  it.each([
    ['agentsmith.config.yaml', 'models: sonnet\n', 'line 1: models: must be a list, such as [sonnet, opus]'],
    ['agentsmith.config.yaml', 'sections:\n', 'line 1: sections: must be a list, such as [Core Responsibilities, Output Format]'],
    ['agentsmith.config.yaml', 'colors: [red, 5]\n', 'line 1: colors.1: each entry must be text'],
    ['agentsmith.config.yaml', 'rules:\n', 'line 1: rules: must be a map of rule ids to off, warn or error, such as {field/model: off}'],
    ['agentsmith.config.json', '{"tools": "TeamDeploy"}', 'line 1: tools: must be a list, such as [TeamDeploy]'],
    ['agentsmith.config.json', '{"presets": ["a"]}', 'line 1: presets: must be a folder path, relative to the config file'],
  ])('%s: %j', async (file, text, line) => {
    const message = await configError(folderWith(file, text));
    expect(message).toContain(`  ${line}\n`);
    expect(message).not.toContain('Invalid input');
  });
});
