import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execaSync } from 'execa';
import { BIN, cleanEnv } from './cli.js';

export const TMUX = ['/usr/bin/tmux', '/usr/local/bin/tmux', '/opt/homebrew/bin/tmux'].find((path) => existsSync(path));
if (!TMUX) console.warn('tmux not found: the pseudo-terminal tests of agentsmith new are skipped');

/** One tmux server per test (its own -L socket), with a sized window: plop's spinner hangs at 0 columns. */
export class Terminal {
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

  /** Runs `command` (by default `node bin/agentsmith.cjs new`) in a shell that prints its exit status, then keeps the pane open. */
  start(cwd: string, command = `node '${BIN}' new`): void {
    const script = `${command}; echo EXIT=$?; sleep 600`;
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
