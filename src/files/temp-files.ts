import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf } from './errors.js';

let counter = 0;

/** Temp files of this tool: `.PID.TIME.N.agentsmith.tmp`. */
const TEMP_FILE = /^\.(\d+)\.\d+\.\d+\.agentsmith\.tmp$/;

/** A fresh temp file path in `dir`, named after this process so that removeStaleTemps can tell whose it is. */
export function tempPath(dir: string): string {
  return join(dir, `.${process.pid}.${Date.now()}.${counter++}.agentsmith.tmp`);
}

/**
 * Removes temp files an interrupted run (a kill -9, a power cut) left in `dir`: those whose process is no
 * longer alive. Returns their paths; a folder that does not exist has none.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(TEMP_FILE.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || alive(pid)) continue;
    const path = join(dir, name);
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch {
      // Not ours to remove after all (permissions): it stays, and costs nothing.
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, under another user.
    return codeOf(error) !== 'ESRCH';
  }
}
