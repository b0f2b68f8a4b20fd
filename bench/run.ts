import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Timed {
  ms: number;
  /** Peak resident memory in MB, when GNU time is there to measure it. */
  peakMb?: number;
  status: number | null;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion (output discarded) and measures wall time and, where possible, peak RSS. */
export function timeCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Timed {
  const useTime = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const run = useTime
    ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const kb = useTime ? Number(/(\d+)\s*$/.exec(String(run.stderr ?? ''))?.[1]) : NaN;
  return { ms, status: run.status, ...(Number.isFinite(kb) ? { peakMb: kb / 1024 } : {}) };
}

/** The best of `runs` timings (the least disturbed by other work on the machine). */
export function best(runs: number, measure: () => Timed): Timed {
  let result = measure();
  for (let i = 1; i < runs; i++) {
    const next = measure();
    if (next.ms < result.ms) result = next;
  }
  return result;
}
