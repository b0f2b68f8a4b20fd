import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { agentsmith, BIN, tempDir } from '../helpers/cli.js';
import { Terminal, TMUX } from '../helpers/terminal.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(): { cwd: string; term: Terminal } {
  const { dir, cleanup } = tempDir();
  const sockets = tempDir('agentsmith-tmux-');
  const term = new Terminal(TMUX ?? 'tmux', sockets.dir);
  cleanups.push(() => term.kill(), cleanup, sockets.cleanup);
  return { cwd: dir, term };
}

const PROMPTS_AFTER_SPECIALTY = [
  'Agent name',
  'Title',
  'Focus',
  'Frameworks and languages',
  'Datastores and services',
  'Responsibility areas',
  'Model',
  'Color',
  'Tools (least privilege)',
  'Worked examples in the description',
];

describe.skipIf(!TMUX)('agentsmith new in a real terminal (tmux)', () => {
  it('asks every question, takes the 4th specialty and the defaults, and writes a file that passes check', async () => {
    const { cwd, term } = setup();
    term.start(cwd);
    await term.waitFor('? Backend specialty');
    await sleep(150);
    await term.send('Down', 'Down', 'Down', 'Enter');
    await term.waitFor('? Backend specialty database');
    for (const prompt of PROMPTS_AFTER_SPECIALTY) {
      await term.waitFor(`? ${prompt}`);
      await sleep(150);
      await term.send('Enter');
    }
    const screen = await term.waitFor(/EXIT=\d+/);
    const file = join(cwd, '.claude', 'agents', 'database-engineer.md');
    expect(screen).toContain(`Wrote ${file}`);
    expect(screen).toMatch(/EXIT=0\b/);
    expect(existsSync(file)).toBe(true);
    const check = await agentsmith(['check'], cwd);
    expect(check.exitCode).toBe(0);
    expect(String(check.stdout)).toMatch(/no problems in 1 file/);
  });

  it('exits 130 and writes nothing when the user presses Ctrl-C at the first question', async () => {
    const { cwd, term } = setup();
    term.start(cwd);
    await term.waitFor('? Backend specialty');
    await sleep(150);
    await term.send('C-c');
    const screen = await term.waitFor(/EXIT=\d+/);
    expect(screen.match(/EXIT=(\d+)/)?.[1]).toBe('130');
    expect(screen).not.toContain('Wrote');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('fails at once, before any question, when --name names a file that exists', async () => {
    const { cwd, term } = setup();
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(cwd, '.claude', 'agents', 'db-expert.md'), '---\nname: db-expert\ndescription: Mine.\n---\nBody.\n');
    term.start(cwd, `node '${BIN}' new --name db-expert`);
    const screen = await term.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=1\b/);
    expect(screen).toMatch(/db-expert\.md already exists; pass --force/);
    expect(screen).not.toContain('? Backend specialty');
  });

  it('exits 2 as with --yes, not 1, when the file cannot be written after the questions', async () => {
    const { cwd, term } = setup();
    // A read-only file where the agent goes: --force lets the name through, and the write itself refuses it.
    const file = join(cwd, '.claude', 'agents', 'ro-agent.md');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '---\nname: ro-agent\ndescription: Mine.\n---\nBody.\n', { mode: 0o444 });
    const flags = "--force --specialty api --name ro-agent --title T --focus F --frameworks '' --datastores '' --areas graphql --model opus --color red --tools edit";
    term.start(cwd, `node '${BIN}' new ${flags}`);
    await term.waitFor('? Worked examples in the description');
    await sleep(150);
    await term.send('Enter');
    const screen = await term.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/ro-agent\.md failed: .*read-only/);
    expect(screen.match(/EXIT=(\d+)/)?.[1]).toBe('2');
    expect(readFileSync(file, 'utf8')).toContain('description: Mine.');
  });

  it('refuses at the name question a name whose file is a folder, even with --force, and asks again', async () => {
    const { cwd, term } = setup();
    mkdirSync(join(cwd, '.claude', 'agents', 'dir-agent.md'), { recursive: true });
    term.start(cwd, `node '${BIN}' new --force --specialty api`);
    await term.waitFor('? Agent name');
    await sleep(150);
    await term.send('dir-agent');
    await term.send('Enter');
    const screen = await term.waitFor('is a folder');
    expect(screen).toMatch(/dir-agent\.md is a folder, so the agent cannot be written there; choose another\s+--name/);
    expect(screen).not.toMatch(/pass --force/);
    await term.send('C-c');
    expect((await term.waitFor(/EXIT=\d+/)).match(/EXIT=(\d+)/)?.[1]).toBe('130');
  });

  it('asks for the title again when it is blank', async () => {
    const { cwd, term } = setup();
    term.start(cwd, `node '${BIN}' new --specialty api --name blank-title`);
    await term.waitFor('? Title');
    await sleep(150);
    await term.send('Space', 'Space', 'Enter');
    await term.waitFor('the title is empty');
    await term.send('C-c');
    expect((await term.waitFor(/EXIT=\d+/)).match(/EXIT=(\d+)/)?.[1]).toBe('130');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
