import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith, useTempFolders } from '../helpers/cli.js';

const folder = useTempFolders();

const AGENT = '---\nname: alpha\ndescription: Use this agent when a test needs one.\ntools: [Read, 5]\n---\n\nYou are alpha.\n';

/** A project with an agent, a spec that is not valid, a config that is not valid (in `bad/`) and an existing file. */
function project(): string {
  const dir = folder();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'agents'));
  writeFileSync(join(dir, 'agents', 'alpha.md'), AGENT);
  writeFileSync(join(dir, 'agents', 'rule.md'), '---\nname: [x]\ndescription: y\n---\n');
  writeFileSync(join(dir, 'bad.yaml'), 'agents: 3\n');
  writeFileSync(join(dir, 'taken.yaml'), 'x\n');
  // A file whose own name starts with "agentsmith": its messages still get the command's name.
  writeFileSync(join(dir, 'agentsmith-taken.yaml'), 'x\n');
  writeFileSync(join(dir, 'agentsmith-bad.yaml'), 'agents: 3\n');
  writeFileSync(join(dir, 'two.yaml'), 'out: agents\nagents:\n  - { specialty: api, name: alpha }\n');
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'agentsmith.config.yaml'), 'rules: 5\n');
  return dir;
}

describe('every message on stderr names the command it comes from (agentsmith <command>: …)', () => {
  it.each([
    ['bulk', ['bulk', 'nope.yaml'], 2, '.'],
    ['bulk', ['bulk', 'bad.yaml'], 2, '.'],
    ['bulk', ['bulk', 'two.yaml'], 1, '.'],
    ['check', ['check', 'agents', '--spec', 'nope.yaml'], 2, '.'],
    ['check', ['check', '../agents'], 2, 'bad'],
    ['new', ['new', '--yes'], 2, '.'],
    ['new', ['new', '--yes', '--specialty', 'api', '--name', 'alpha', '--out', 'agents'], 1, '.'],
    ['import', ['import', 'agents/alpha.md', '--out', 'taken.yaml'], 1, '.'],
    ['import', ['import', 'agents/alpha.md', '--out', 'agentsmith-taken.yaml'], 1, '.'],
    ['bulk', ['bulk', 'agentsmith-bad.yaml'], 2, '.'],
    ['import', ['import', 'agents/alpha.md', '--out', 'nodir/x.yaml'], 2, '.'],
    ['import', ['import', 'agents', '--out', 'spec.yaml'], 1, '.'],
  ] as const)('%s: %j', async (command, args, exitCode, cwd) => {
    const dir = project();
    const result = await agentsmith([...args], join(dir, cwd));
    expect(result.exitCode, String(result.stderr)).toBe(exitCode);
    const lines = String(result.stderr).split('\n').filter((line) => line !== '' && !line.startsWith(' '));
    expect(lines.length).toBeGreaterThan(0);
    // Lines that go on a message (its list, a hint) are indented or follow a line that names the command.
    expect(lines[0]).toMatch(new RegExp(`^agentsmith ${command}: `));
    for (const line of lines.filter((line) => /^(warning|note|error)\b|^[^ ]+\.(md|yaml): /i.test(line))) expect(line).toMatch(new RegExp(`^agentsmith ${command}: `));
  });
});

describe('file names on stderr', () => {
  it('show control characters as escapes (a terminal code in a file name cannot colour or rewrite the output): check, import', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'ag'));
    symlinkSync('nowhere', join(dir, 'ag', 'e\u001b[31mred.md'));
    writeFileSync(join(dir, 'ag', 'f\u001b[2Kg.md'), '---\nname: [x]\ndescription: d\n---\n');
    const check = await agentsmith(['check', 'ag'], dir);
    expect(check.exitCode).toBe(2);
    expect(String(check.stderr)).toContain('agentsmith check: cannot read ag/e\\u001b[31mred.md: a symbolic link to nowhere, which does not exist.');
    const imported = await agentsmith(['import', 'ag'], dir);
    expect(String(imported.stderr)).toContain('ag/e\\u001b[31mred.md: a symbolic link to nowhere, which does not exist');
    rmSync(join(dir, 'ag', 'e\u001b[31mred.md'));
    const skipped = await agentsmith(['import', 'ag'], dir);
    expect(skipped.exitCode).toBe(1);
    expect(String(skipped.stderr)).toContain('agentsmith import: ag/f\\u001b[2Kg.md: not imported: Claude Code does not load it');
    for (const result of [check, imported, skipped]) expect(String(result.stderr)).not.toContain('\u001b');
  });

  it('show control characters in a dangling link\'s target as escapes too: check, import, bulk', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'ag'));
    symlinkSync('gone\u001b[2K\u001b[31mX', join(dir, 'ag', 'a.md'));
    const said = 'a symbolic link to gone\\u001b[2K\\u001b[31mX, which does not exist';
    const check = await agentsmith(['check', 'ag'], dir);
    expect(String(check.stderr)).toContain(said);
    const imported = await agentsmith(['import', 'ag'], dir);
    expect(String(imported.stderr)).toContain(said);
    mkdirSync(join(dir, 'o'));
    symlinkSync('gone\u001b[31m', join(dir, 'o', 'api-a.md'));
    writeFileSync(join(dir, 'spec.yaml'), 'out: o\nagents:\n  - { specialty: api, name: api-a }\n');
    const bulk = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(bulk.exitCode).toBe(1);
    expect(String(bulk.stdout)).toContain('is a symbolic link to gone\\u001b[31m, which does not exist');
    for (const result of [check, imported, bulk]) expect(String(result.stderr) + String(result.stdout)).not.toContain('\u001b');
  });
});
