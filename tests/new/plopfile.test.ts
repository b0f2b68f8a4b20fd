import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import nodePlop from 'node-plop';
import { afterEach, describe, expect, it } from 'vitest';
import { plopForce } from '../../src/plop/dest.js';
import { tempDir, useTempFolders } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';
import { Terminal, TMUX } from '../helpers/terminal.js';

/** The compiled plopfile, as `npx plop --plopfile node_modules/agentsmith/dist/plopfile.js` loads it. */
const PLOPFILE = join(repoRoot, 'dist', 'plopfile.js');
const PLOP = join(repoRoot, 'node_modules', '.bin', 'plop');
const MINE = '---\nname: db-expert\ndescription: Mine.\n---\nBody.\n';

const folder = useTempFolders();

/** A project whose .claude/agents/db-expert.md exists already (hand-written). */
function projectWithAgent(): string {
  const project = folder();
  mkdirSync(join(project, '.claude', 'agents'), { recursive: true });
  writeFileSync(join(project, '.claude', 'agents', 'db-expert.md'), MINE);
  return project;
}

describe('plop --force (-f)', () => {
  it('is read from the command line as plop reads it; words after -- are answers, not flags', () => {
    expect(plopForce(['--plopfile', 'p.js', '--force', 'agent'])).toBe(true);
    expect(plopForce(['-f', 'agent', 'api'])).toBe(true);
    expect(plopForce(['--plopfile', 'p.js', 'agent', 'api'])).toBe(false);
    expect(plopForce(['agent', '--', '--force'])).toBe(false);
  });

  it('overwrites an existing agent through the compiled plopfile, and only with force', async () => {
    const project = projectWithAgent();
    const file = join(project, '.claude', 'agents', 'db-expert.md');
    const run = async (force: boolean) => {
      const plop = await nodePlop(PLOPFILE, { destBasePath: project, force });
      return plop.getGenerator('agent').runActions({ specialty: 'database', name: 'db-expert' });
    };
    const refused = await run(false);
    expect(refused.failures).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(MINE);
    const forced = await run(true);
    expect(forced.failures).toEqual([]);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\nname: db-expert\n/);
  });
});

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe.skipIf(!TMUX)('plop --force in a real terminal (tmux)', () => {
  it('takes the name of an existing file at the name question and goes on to the next one', async () => {
    const project = projectWithAgent();
    const sockets = tempDir('agentsmith-tmux-');
    const term = new Terminal(TMUX ?? 'tmux', sockets.dir);
    cleanups.push(() => term.kill(), sockets.cleanup);
    term.start(project, `'${PLOP}' --plopfile '${PLOPFILE}' --force agent database db-expert`);
    const screen = await term.waitFor(/\? Title|EXIT=\d+/);
    expect(screen).not.toMatch(/already exists/);
    expect(screen).toContain('? Title');
    await sleep(150);
    await term.send('C-c');
    await term.waitFor(/EXIT=\d+/);
    expect(readFileSync(join(project, '.claude', 'agents', 'db-expert.md'), 'utf8')).toBe(MINE);
  });
});
