import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentText, removeProjects, tempProject } from '../helpers/agent.js';
import { agentsmith } from '../helpers/cli.js';

afterEach(removeProjects);

describe('the real CLI and a flag given twice', () => {
  it('new refuses --name given twice with two names, and writes nothing', async () => {
    const dir = tempProject({});
    const run = await agentsmith(['new', '--specialty', 'database', '--name', 'a', '--name', 'b', '--yes', '--out', 'agents'], dir);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n')[0]).toBe('agentsmith new: --name is given twice ("a" and "b"); give it once.');
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'agents'))).toBe(false);
  });

  it('new shows a list flag given twice as one comma-separated list', async () => {
    const run = await agentsmith(['new', '--specialty', 'api', '--frameworks', 'express', '--frameworks', 'hono', '--yes'], tempProject({}));
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n')[0]).toBe(
      'agentsmith new: --frameworks is given twice ("express" and "hono"); give it once, the items comma-separated: --frameworks "express,hono".',
    );
  });

  it('new takes --name given twice with the same name', async () => {
    const dir = tempProject({});
    const run = await agentsmith(['new', '--specialty', 'database', '--name', 'db-one', '--name=db-one', '--yes', '--out', 'agents'], dir);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(join(dir, 'agents'))).toEqual(['db-one.md']);
  });

  it('check refuses two formats but takes a file given twice (as itself and in its folder)', async () => {
    const dir = tempProject({ 'agents/api.md': agentText({ name: 'api' }) });
    const formats = await agentsmith(['check', 'agents', '--format', 'json', '-f', 'sarif'], dir);
    expect(formats.exitCode).toBe(2);
    expect(formats.stdout).toBe('');
    expect(String(formats.stderr).split('\n')[0]).toBe('agentsmith check: --format is given twice ("json" and "sarif"); give it once.');
    const paths = await agentsmith(['check', 'agents', 'agents/api.md', '--format', 'json'], dir);
    expect(paths.exitCode).toBe(0);
    expect(JSON.parse(String(paths.stdout)).summary.files).toBe(1);
  });
});

describe('the real CLI and an empty path', () => {
  it('bulk and check --spec refuse an empty spec file name, naming it', async () => {
    const dir = tempProject({ 'agents/api.md': agentText({ name: 'api' }) });
    const bulk = await agentsmith(['bulk', ''], dir);
    expect(bulk.exitCode).toBe(2);
    expect(String(bulk.stderr)).toBe('agentsmith bulk: a path given is empty (""); give a file or folder (an unset or empty variable, as in "$DIR", gives an empty word).');
    const spec = await agentsmith(['check', 'agents', '--spec', ''], dir);
    expect(spec.exitCode).toBe(2);
    expect(spec.stdout).toBe('');
    expect(String(spec.stderr)).toBe('agentsmith check --spec "": the spec file name is empty; give a bulk spec file (e.g. --spec agents.yaml), or leave --spec out.');
  });
});

describe('the real CLI and a flag written the wrong way', () => {
  it('check -h=1 names the switch that takes no value, and new -- --name says what "--" did; nothing is written', async () => {
    const dir = tempProject({ 'agents/api.md': agentText({ name: 'api' }) });
    const check = await agentsmith(['check', 'agents', '-h=1'], dir);
    expect(check.exitCode).toBe(2);
    expect(check.stdout).toBe('');
    expect(String(check.stderr).split('\n')[0]).toBe('agentsmith check: -h=1: -h (--help) is a switch and takes no value; write -h alone.');
    const made = await agentsmith(['new', '--specialty', 'api', '--yes', '--out', 'out', '--', '--name', 'x'], dir);
    expect(made.exitCode).toBe(2);
    expect(String(made.stderr).split('\n')[0]).toBe(
      'agentsmith new: --name comes after "--", which ends the flags, and this command takes flags only; remove the "--" to give --name as a flag.',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('bulk refuses a flag after "--" instead of taking it for a second spec file', async () => {
    const dir = tempProject({});
    const run = await agentsmith(['bulk', 'spec.yaml', '--', '--force'], dir);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n')[0]).toBe(
      'agentsmith bulk: --force comes after "--", which ends the flags, so it would be read as a path, not as the flag; remove the "--" (for a file named --force, write ./--force).',
    );
  });
});
