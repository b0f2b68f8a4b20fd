import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execaSync } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { agentsmith, BIN, cleanEnv, tempDir } from '../helpers/cli.js';

const TMUX = ['/usr/bin/tmux', '/usr/local/bin/tmux', '/opt/homebrew/bin/tmux'].find((path) => existsSync(path));
if (!TMUX) console.warn('tmux not found: the pseudo-terminal tests of agentsmith new are skipped');

/** One tmux server per test (its own -L socket), with a sized window: plop's spinner hangs at 0 columns. */
class Terminal {
  private static count = 0;
  readonly socket = `agentsmith-test-${process.pid}-${Terminal.count++}`;

  /** `socketDir` keeps the server's socket file out of /tmp/tmux-<uid>, so the test's cleanup removes it. */
  constructor(
    private readonly tmux: string,
    private readonly socketDir: string,
  ) {}

  private run(...args: string[]): string {
    const env = cleanEnv({ TMUX_TMPDIR: this.socketDir });
    return String(execaSync(this.tmux, ['-L', this.socket, '-f', '/dev/null', ...args], { env, extendEnv: false }).stdout);
  }

  /** Runs `node bin/agentsmith.js new` in a shell that prints its exit status, then keeps the pane open. */
  start(cwd: string): void {
    const script = `node '${BIN}' new; echo EXIT=$?; sleep 600`;
    this.run('new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', '-c', cwd, 'bash', '--norc', '--noprofile', '-c', script);
  }

  screen(): string {
    return this.run('capture-pane', '-p', '-J', '-t', 'main', '-S', '-200');
  }

  /** Polls the screen until `pattern` shows; fails with the screen when it does not within `ms`. */
  async waitFor(pattern: string | RegExp, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Sends keys one at a time (writing them all at once makes a prompt swallow the rest). */
  async send(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.run('send-keys', '-t', 'main', key);
      await sleep(60);
    }
  }

  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
  }
}

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
});
