import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ExitError } from '../errors.js';

export type PlanAction = 'create' | 'overwrite' | 'unchanged' | 'exists';

export interface PlannedFile {
  /** Absolute path of the target. */
  path: string;
  content: string;
  action: PlanAction;
}

/** Resolves `fileName` inside `outDir`, refusing anything that would land outside it. */
export function targetPath(outDir: string, fileName: string): string {
  const root = resolve(outDir);
  const path = resolve(root, fileName);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) {
    throw new ExitError(`refusing to write "${fileName}": it would not be a file directly inside ${root}.`, 1);
  }
  return path;
}

/** Decides what writing each file would do, without touching the disk. `exists` means: there, differs, no --force. */
export function planFiles(outDir: string, files: { fileName: string; content: string }[], force: boolean): PlannedFile[] {
  return files.map(({ fileName, content }) => {
    const path = targetPath(outDir, fileName);
    const state = compare(path, content);
    if (state === 'missing') return { path, content, action: 'create' };
    if (state === 'same') return { path, content, action: 'unchanged' };
    return { path, content, action: force ? 'overwrite' : 'exists' };
  });
}

/** Whether the file at `path` holds exactly `content` (as UTF-8), comparing sizes first and bytes after. */
function compare(path: string, content: string): 'missing' | 'same' | 'differs' {
  // existsSync first: a failed open throws, and 10,000 errors with stack traces cost more than the checks.
  if (!existsSync(path)) return 'missing';
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? 'missing' : 'differs';
  }
  try {
    const stat = fstatSync(fd);
    const size = encode(content);
    if (!stat.isFile() || stat.size !== size) return 'differs';
    if (disk.length < size) disk = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, disk, read, size - read, null);
      if (n === 0) break;
      read += n;
    }
    return read === size && disk.compare(scratch, 0, size, 0, size) === 0 ? 'same' : 'differs';
  } catch {
    return 'differs';
  } finally {
    closeSync(fd);
  }
}

let counter = 0;
/** One encoding buffer for all writes: a fresh Buffer per file made V8 collect a large heap over and over. */
let scratch = Buffer.allocUnsafe(64 * 1024);
/** And one for reading a target back when deciding whether it changed. */
let disk = Buffer.allocUnsafe(64 * 1024);

function encode(content: string): number {
  const size = Buffer.byteLength(content, 'utf8');
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  return scratch.write(content, 0, 'utf8');
}

/**
 * Writes to a temp file in the same folder, then renames it over the target: readers see the old file or
 * the new one, never a part. (No fsync per file: it made bulk runs of 10,000 files disk-bound, and the
 * rename already keeps a crash of this process from leaving a partial file.)
 */
export function writeAtomic(path: string, content: string | Buffer): void {
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.${counter++}.agentsmith.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      // encode() may replace the scratch buffer with a larger one: take it only after encoding.
      const size = typeof content === 'string' ? encode(content) : content.length;
      const bytes = typeof content === 'string' ? scratch : content;
      let written = 0;
      while (written < size) written += writeSync(fd, bytes, written, size - written);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface ApplyResult {
  written: string[];
  unchanged: string[];
}

/**
 * Writes every planned file that is new or changed. If one write fails, the files this call already
 * wrote are put back as they were (restored or removed) and the error is rethrown.
 */
export function applyPlan(plan: PlannedFile[], write: (path: string, content: string) => void = writeAtomic): ApplyResult {
  const blocked = plan.filter((file) => file.action === 'exists');
  if (blocked.length > 0) {
    throw new ExitError(`${blocked.map((file) => file.path).join(', ')} already exist${blocked.length === 1 ? 's' : ''}; pass --force to overwrite.`, 1);
  }
  const done: Done[] = [];
  const createdFolders: string[] = [];
  const ready = new Set<string>();
  const result: ApplyResult = { written: [], unchanged: [] };
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
      // Bytes, not text: a file that is not UTF-8 is put back exactly as it was.
      const previous = file.action === 'overwrite' ? readFileSync(file.path) : undefined;
      write(file.path, file.content);
      done.push({ path: file.path, previous });
      result.written.push(file.path);
    }
  } catch (error) {
    const failures = rollback(done);
    // Folders this run created go too: only its own files were in them, and those are gone.
    for (const folder of createdFolders.reverse()) rmSync(folder, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    const note = failures.length > 0 ? ` Could not restore: ${failures.join(', ')}.` : ` The ${done.length} file(s) written before it were restored.`;
    // The system's message may name only the temp file (or no file): say which target failed.
    throw new ExitError(`writing ${current} failed: ${reason}.${note}`, 1);
  }
  return result;
}

interface Done {
  path: string;
  previous: Buffer | undefined;
}

function rollback(done: Done[]): string[] {
  const failures: string[] = [];
  for (const { path, previous } of done.reverse()) {
    try {
      if (previous === undefined) rmSync(path, { force: true });
      else writeAtomic(path, previous);
    } catch {
      failures.push(path);
    }
  }
  return failures;
}
