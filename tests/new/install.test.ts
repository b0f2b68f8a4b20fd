import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { execa, type Options } from 'execa';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { cleanEnv, tempDir } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';
import { Terminal, TMUX } from '../helpers/terminal.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const run = (command: string, args: string[], cwd: string, options: Options = {}) =>
  execa(command, args, { cwd, env: cleanEnv(), extendEnv: false, stdin: 'ignore', reject: false, timeout: 120_000, ...options });

/**
 * A copy of the sources (with the repository's node_modules linked in), so that `npm pack` runs prepare →
 * build there and never rewrites the dist/ that the other e2e tests are running at the same moment.
 */
function sourceCopy(root: string): string {
  const copy = join(root, 'source');
  const skipped = new Set(['node_modules', 'dist', '.git', 'tests', '.claude']);
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (path) => !skipped.has(relative(repoRoot, path).split(sep)[0] ?? ''),
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/** Packs the sources and installs the tarball into a fresh project, once for the tests below (it takes minutes). */
let project = '';
beforeAll(async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const source = sourceCopy(dir);
  const tarballs = join(dir, 'tarballs');
  project = join(dir, 'project');
  mkdirSync(tarballs);
  mkdirSync(project);

  const pack = await run('npm', ['pack', '--pack-destination', tarballs, '--json'], source, { timeout: 180_000 });
  expect(pack.exitCode, String(pack.stderr)).toBe(0);
  const tarball = readdirSync(tarballs).find((file) => file.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  // prepare's build prints first; the JSON report is the rest.
  const report = String(pack.stdout).slice(String(pack.stdout).search(/^\[/m));
  const packed = (JSON.parse(report) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path) ?? [];
  expect(packed).toEqual(expect.arrayContaining(['bin/agentsmith.cjs', 'dist/src/cli.js', 'dist/plopfile.js', 'templates/agent.md.hbs', 'dist/specialties.cache.json']));
  expect(packed.some((path) => path.startsWith('tests/') || path.startsWith('src/'))).toBe(false);

  cpSync(join(tarballs, tarball ?? ''), join(project, 'agentsmith.tgz'));
  expect((await run('npm', ['init', '-y'], project)).exitCode).toBe(0);
  const install = await run('npm', ['install', './agentsmith.tgz', '--no-audit', '--no-fund'], project, { timeout: 180_000 });
  expect(install.exitCode, String(install.stderr)).toBe(0);
}, 300_000);

describe('agentsmith installed in another repository', () => {
  it('writes and checks an agent with npx', async () => {
    const created = await run('npx', ['--no', 'agentsmith', 'new', '--specialty', 'auth', '--yes'], project);
    expect(created.exitCode, String(created.stderr)).toBe(0);
    const file = join(project, '.claude', 'agents', 'auth-engineer.md');
    expect(existsSync(file)).toBe(true);
    expect(parseAgentFile(readFileSync(file, 'utf8')).verdict).toMatchObject({ kind: 'loaded', name: 'auth-engineer' });

    const check = await run('npx', ['--no', 'agentsmith', 'check'], project);
    expect(check.exitCode, String(check.stdout)).toBe(0);
    expect(String(check.stdout)).toMatch(/no problems in 1 file/);
  }, 120_000);

  it.skipIf(!TMUX)('runs the README\'s plop route with the defaults and writes into the project\'s agents folder', async () => {
    // From a sub-folder of the project: the agent must land in the project's .claude/agents (the first
    // test made it), as `new` and `check` find it, not next to the plopfile in node_modules.
    const app = join(project, 'app');
    mkdirSync(app);
    const sockets = tempDir('agentsmith-tmux-');
    const term = new Terminal(TMUX ?? 'tmux', sockets.dir);
    cleanups.push(() => term.kill(), sockets.cleanup);
    term.start(app, 'npx plop --plopfile ../node_modules/agentsmith/dist/plopfile.js agent');
    await term.waitFor('? Backend specialty', 60_000);
    // Enter at every question takes its default; eleven questions, then plop's write and the exit status.
    const deadline = Date.now() + 60_000;
    while (!/EXIT=\d+/.test(term.screen()) && Date.now() < deadline) {
      await sleep(300);
      await term.send('Enter');
    }
    expect(term.screen()).toMatch(/EXIT=0\b/);
    const file = join(project, '.claude', 'agents', 'api-developer.md');
    expect(existsSync(join(app, '.claude'))).toBe(false);
    expect(existsSync(file), term.screen()).toBe(true);
    expect(parseAgentFile(readFileSync(file, 'utf8')).verdict).toMatchObject({ kind: 'loaded', name: 'api-developer' });
    expect(existsSync(join(project, 'node_modules', 'agentsmith', 'dist', '.claude'))).toBe(false);
  }, 180_000);
});
