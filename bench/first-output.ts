import { spawn } from 'node:child_process';

/**
 * Starts `command` under a pseudo-terminal (util-linux `script`), and resolves with the milliseconds until
 * `marker` shows up in its output; the process is then killed. A terminal size is given (plop's spinner
 * loops forever on a 0-column terminal).
 */
export function timeToOutput(command: string, marker: string, cwd: string, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
      cwd,
      env: { ...process.env, TERM: 'xterm', COLUMNS: '120', LINES: '40' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`no "${marker}" within ${timeoutMs} ms; output: ${seen.slice(-300)}`)), timeoutMs);
    const finish = (error?: Error, ms?: number): void => {
      clearTimeout(timer);
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(ms ?? 0);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(marker)) finish(undefined, Number(process.hrtime.bigint() - started) / 1e6);
    });
    child.on('exit', () => {
      if (!seen.includes(marker)) finish(new Error(`exited before "${marker}"; output: ${seen.slice(-300)}`));
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
