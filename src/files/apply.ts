import { lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitError } from '../errors.js';
import { describe } from './errors.js';
import type { PlannedFile } from './plan.js';
import { writeAtomic } from './write.js';

export interface ApplyResult {
  written: string[];
  unchanged: string[];
  /**
   * Puts back everything the call wrote (files restored or removed, folders it created removed), e.g.
   * when the run was interrupted. Returns the paths it could not restore.
   */
  undo: () => string[];
}

/** A write that failed (exit 2: an I/O problem); every file written before it was put back. */
class WriteError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'WriteError';
  }
}

/**
 * Writes every planned file that is new or changed. If one write fails, the files this call already
 * wrote are put back as they were (restored or removed), and a WriteError (exit 2) names the file that
 * failed, why, and what was restored.
 */
export function applyPlan(plan: PlannedFile[], write: (path: string, content: string) => void = writeAtomic): ApplyResult {
  const blocked = plan.filter((file) => file.action === 'exists');
  if (blocked.length > 0) {
    throw new ExitError(`${blocked.map((file) => file.path).join(', ')} already exist${blocked.length === 1 ? 's' : ''}; pass --force to overwrite.`, 1);
  }
  const done: Done[] = [];
  const createdFolders: string[] = [];
  const ready = new Set<string>();
  const undo = (): string[] => {
    const failures = rollback(done.splice(0));
    // Folders this run created go too: only its own files were in them, and those are gone.
    for (const folder of createdFolders.splice(0).reverse()) rmSync(folder, { recursive: true, force: true });
    return failures;
  };
  const result: ApplyResult = { written: [], unchanged: [], undo };
  let current = '';
  try {
    for (const file of plan) {
      current = file.path;
      if (file.action === 'unchanged') {
        result.unchanged.push(file.path);
        continue;
      }
      const folder = dirname(file.path);
      if (!ready.has(folder)) {
        const created = mkdirSync(folder, { recursive: true });
        if (created) createdFolders.push(created);
        ready.add(folder);
      }
      const previous = file.action === 'overwrite' ? previousOf(file.path) : undefined;
      write(file.path, file.content);
      done.push({ path: file.path, previous });
      result.written.push(file.path);
    }
  } catch (error) {
    const count = done.length;
    const failures = undo();
    const note =
      failures.length > 0
        ? ` Could not restore: ${failures.join(', ')}.`
        : count === 0
          ? ' Nothing was changed.'
          : ` The ${count === 1 ? 'file' : `${count} files`} written before it ${count === 1 ? 'was' : 'were'} restored.`;
    // The system's message may name only the temp file (or no file): say which target failed.
    throw new WriteError(`writing ${current} failed: ${describe(error)}.${note}`);
  }
  return result;
}

/** What an overwritten target was: bytes (not text: a file that is not UTF-8 comes back exactly), or a symbolic link. */
type Previous = { bytes: Buffer } | { link: string };

interface Done {
  path: string;
  previous: Previous | undefined;
}

function previousOf(path: string): Previous {
  return lstatSync(path).isSymbolicLink() ? { link: readlinkSync(path) } : { bytes: readFileSync(path) };
}

function rollback(done: Done[]): string[] {
  const failures: string[] = [];
  for (const { path, previous } of done.reverse()) {
    try {
      if (previous === undefined) rmSync(path, { force: true });
      else if ('link' in previous) {
        rmSync(path, { force: true });
        symlinkSync(previous.link, path);
      } else writeAtomic(path, previous.bytes);
    } catch {
      failures.push(path);
    }
  }
  return failures;
}
