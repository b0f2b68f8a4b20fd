import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { agentsmith, useTempFolders } from '../helpers/cli.js';

let specialties: string[];
beforeAll(async () => {
  specialties = [...(await loadPresets()).keys()];
});

const folder = useTempFolders();

/** Every path under `root` with its size and mtime: equal snapshots mean nothing was written. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const stat = statSync(full);
      out.push(`${relative(root, full)} ${entry.isDirectory() ? 'dir' : `${stat.size} ${stat.mtimeMs}`}`);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(root);
  return out.sort();
}

const NEW = ['new', '--specialty', 'database', '--name', 'db-expert', '--yes'];

describe('agentsmith new with every answer from flags', () => {
  it('writes .claude/agents/<name>.md in the current folder, and check finds no problems in it', async () => {
    const cwd = folder();
    const result = await agentsmith(NEW, cwd);
    expect(result.exitCode).toBe(0);
    const file = join(cwd, '.claude', 'agents', 'db-expert.md');
    expect(String(result.stdout)).toContain(`Wrote ${file}`);
    expect(parseAgentFile(readFileSync(file, 'utf8')).verdict).toMatchObject({ kind: 'loaded', name: 'db-expert' });
    const check = await agentsmith(['check'], cwd);
    expect(check.exitCode).toBe(0);
    expect(String(check.stdout)).toMatch(/no problems in 1 file/);
  });

  it('exits 1 on a second run and leaves the existing file untouched', async () => {
    const cwd = folder();
    expect((await agentsmith(NEW, cwd)).exitCode).toBe(0);
    const file = join(cwd, '.claude', 'agents', 'db-expert.md');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    await sleep(30);
    const again = await agentsmith([...NEW, '--title', 'Another Title'], cwd);
    expect(again.exitCode).toBe(1);
    expect(String(again.stderr)).toMatch(/already exists.*--force/);
    expect(readFileSync(file, 'utf8')).toBe(before.text);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(readdirSync(join(cwd, '.claude', 'agents'))).toEqual(['db-expert.md']);
  });

  it('says that a symbolic link to nothing holds the name (not that a file exists); --force replaces the link', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    const link = join(cwd, '.claude', 'agents', 'db-expert.md');
    symlinkSync('gone.md', link);
    const refused = await agentsmith(NEW, cwd);
    expect(refused.exitCode).toBe(1);
    expect(String(refused.stderr)).toContain(`${link} is a symbolic link to gone.md, which does not exist; pass --force to replace the link with the agent`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const forced = await agentsmith([...NEW, '--force'], cwd);
    expect(forced.exitCode).toBe(0);
    expect(lstatSync(link).isFile()).toBe(true);
  });

  it('says that a folder holds the name, instead of suggesting --force, which cannot replace it', async () => {
    const cwd = folder();
    const target = join(cwd, '.claude', 'agents', 'db-expert.md');
    mkdirSync(target, { recursive: true });
    for (const extra of [[], ['--force']]) {
      const result = await agentsmith([...NEW, ...extra], cwd);
      expect(result.exitCode).toBe(1);
      expect(String(result.stderr)).toBe(`agentsmith new: ${target} is a folder, so the agent cannot be written there; choose another --name, or move the folder away (--force does not replace a folder).`);
    }
    expect(readdirSync(target)).toEqual([]);
  });

  it('overwrites the file with --force', async () => {
    const cwd = folder();
    expect((await agentsmith(NEW, cwd)).exitCode).toBe(0);
    const forced = await agentsmith([...NEW, '--title', 'Forced Title', '--force'], cwd);
    expect(forced.exitCode).toBe(0);
    const text = readFileSync(join(cwd, '.claude', 'agents', 'db-expert.md'), 'utf8');
    expect(text).toContain('You are a senior Forced Title.');
    expect(readdirSync(join(cwd, '.claude', 'agents'))).toEqual(['db-expert.md']);
  });

  it("takes a model and a color the team's config allows, so check finds nothing to warn about", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'agentsmith.config.yaml'), 'models: [opus, haiku]\ncolors: [red, cyan]\n');
    const result = await agentsmith(NEW, cwd);
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toBe('');
    const doc = parseAgentFile(readFileSync(join(cwd, '.claude', 'agents', 'db-expert.md'), 'utf8'));
    expect(doc.frontmatter).toMatchObject({ model: 'opus', color: 'red' });
    const check = await agentsmith(['check'], cwd);
    expect(check.exitCode).toBe(0);
    expect(String(check.stdout)).toMatch(/no problems in 1 file/);
    // A value given by flag is kept, allowed or not (check then warns, as the README says).
    expect((await agentsmith([...NEW, '--force', '--model', 'sonnet'], cwd)).exitCode).toBe(0);
    expect(parseAgentFile(readFileSync(join(cwd, '.claude', 'agents', 'db-expert.md'), 'utf8')).frontmatter.model).toBe('sonnet');
  });

  it('names the file it did not write, the answer to change and the config that made a warning an error', async () => {
    const cwd = folder();
    const config = join(cwd, 'agentsmith.config.yaml');
    writeFileSync(config, 'rules:\n  field/model: error\n');
    const result = await agentsmith([...NEW, '--model', 'gpt-4'], cwd);
    expect(result.exitCode).toBe(1);
    const stderr = String(result.stderr);
    expect(stderr).toContain(`${join(cwd, '.claude', 'agents', 'db-expert.md')} was not written`);
    expect(stderr).toMatch(/\d+:1 {2}error {2}field\/model {2}model "gpt-4" is not one of .* \(change --model; .*agentsmith\.config\.yaml makes field\/model an error\)/);
    expect(readdirSync(cwd)).toEqual(['agentsmith.config.yaml']);
  });

  it('creates the folder given by --out', async () => {
    const cwd = folder();
    const result = await agentsmith([...NEW, '--out', 'other/dir'], cwd);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(cwd, 'other', 'dir', 'db-expert.md'))).toBe(true);
    expect(existsSync(join(cwd, '.claude'))).toBe(false);
  });

  it.each(['../x', '/abs', 'a/b', '.', ''])('rejects the name %j with a clear message and writes nothing anywhere', async (name) => {
    const root = folder();
    const cwd = join(root, 'project');
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    const before = tree(root);
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--name', name], cwd);
    expect(result.exitCode).not.toBe(0);
    expect(String(result.stderr)).toMatch(name === '' ? /name is empty/ : /outside the output folder/);
    expect(String(result.stderr)).not.toMatch(/unexpected failure/);
    expect(tree(root)).toEqual(before);
    expect(existsSync('/abs.md')).toBe(false);
  });
});

describe('agentsmith new without a terminal', () => {
  it('exits 2 at once naming every missing flag when answers are missing', async () => {
    const cwd = folder();
    const result = await agentsmith(['new'], cwd, { timeout: 15_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    for (const flag of ['--specialty', '--name', '--title', '--focus', '--model', '--color', '--tools', '--example-count']) {
      expect(String(result.stderr)).toContain(flag);
    }
    expect(String(result.stderr)).toMatch(/--yes/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names only the flags still missing when some are given', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--name', 'x'], cwd, { timeout: 15_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    const missing = String(result.stderr).match(/missing: (.*)\./)?.[1] ?? '';
    expect(missing).toContain('--title');
    expect(missing).not.toContain('--specialty');
    expect(missing).not.toContain('--name');
  });

  it('says that answers piped to stdin are not read, instead of leaving the user to guess why they were ignored', async () => {
    const cwd = folder();
    const result = await agentsmith(['new'], cwd, { timeout: 15_000, stdin: undefined, input: 'api\n\n\n' });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/^agentsmith new: no terminal to ask on \(stdin is not a terminal; answers piped to it are not read\), and these answers are missing: --specialty,/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 2 when --yes has no --specialty to take defaults from', async () => {
    const result = await agentsmith(['new', '--yes'], folder(), { timeout: 15_000 });
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--specialty/);
  });
});

describe('agentsmith new flags', () => {
  it('lists every flag and every specialty id in --help', async () => {
    const result = await agentsmith(['new', '--help'], folder());
    expect(result.exitCode).toBe(0);
    const help = String(result.stdout);
    for (const flag of ['--specialty', '--name', '--title', '--focus', '--frameworks', '--datastores', '--areas', '--model', '--color', '--tools', '--example-count', '--out', '--force', '--yes']) {
      expect(help).toContain(flag);
    }
    expect(specialties.length).toBeGreaterThanOrEqual(14);
    for (const id of specialties) expect(help).toMatch(new RegExp(`^  ${id} `, 'm'));
  });

  it('exits 2 when the file cannot be written, as --help says, and changes nothing', async () => {
    const cwd = folder();
    const file = join(cwd, '.claude', 'agents', 'db-expert.md');
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    writeFileSync(file, 'mine\n', { mode: 0o444 });
    const result = await agentsmith([...NEW, '--force'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/db-expert\.md failed: .*read-only.*Nothing was changed\./);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    const help = String((await agentsmith(['new', '--help'], cwd)).stdout);
    expect(help.replace(/\s+/g, ' ')).toContain('2 bad flags or values, or the file could not be written');
  });

  it('exits 2 on an unknown flag and points to --help', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--bogus'], cwd);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/--bogus/);
    expect(String(result.stderr)).toMatch(/--help/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 2 on an unknown specialty and lists the specialties', async () => {
    const cwd = folder();
    const result = await agentsmith(['new', '--specialty', 'nope', '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    const stderr = String(result.stderr);
    expect(stderr).toContain('"nope"');
    for (const id of specialties) expect(stderr).toContain(id);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
