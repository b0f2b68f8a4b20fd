import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ExitError } from '../errors.js';
import { codeOf, describe, lstatOf, statOf } from './errors.js';

export type PlanAction = 'create' | 'overwrite' | 'unchanged' | 'exists';

export interface PlannedFile {
  /** Absolute path of the target. */
  path: string;
  content: string;
  action: PlanAction;
  /** What planning's stat found at the target (statOf: links followed), for a caller's further questions. */
  stat?: Stats | Error | undefined;
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
    // Looked at before anything is opened: a failed open throws, and 10,000 errors with stack traces cost
    // more than the checks, and opening a FIFO to read it would wait for a writer forever. lstat first:
    // where nothing is there yet (every new agent) or a plain file is, one call answers; only a link is
    // followed (stat).
    const own = lstatOf(path);
    if (own === undefined) return { path, content, action: 'create' };
    const stat = own instanceof Error || own.isSymbolicLink() ? statOf(path) : own;
    const state = compare(path, stat, content);
    if (state === 'missing') return { path, content, action: 'create' };
    if (state === 'same') return { path, content, action: 'unchanged', stat };
    return { path, content, action: force ? 'overwrite' : 'exists', stat };
  });
}

/**
 * Whether the file at `path` holds exactly `content` (as UTF-8), comparing sizes first and bytes after.
 * `stat` is what planFiles found there, something being there: its lstat, or for a link its statOf.
 */
function compare(path: string, stat: Stats | undefined | Error, content: string): 'missing' | 'same' | 'differs' {
  // Something there that cannot be followed (a link loop): it differs, and only --force replaces it.
  if (stat instanceof Error) return 'differs';
  // Nothing to follow where the caller's lstat found something: a dangling link, which only --force replaces.
  if (!stat) return 'differs';
  if (!stat.isFile()) return 'differs';
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
 *
 * A file that is replaced keeps its mode (a 600 file stays 600) and, when the system lets us, its owner;
 * a file nobody may write (no write permission for this user, or no `w` bit at all, which root would
 * otherwise ignore) is refused, not replaced. A symbolic link at `path` is replaced by a plain file
 * holding the content: the file it points to, which may be anywhere, is never written.
 */
export function writeAtomic(path: string, content: string | Buffer): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  const replaced = existing?.isFile() ? existing : undefined;
  if (replaced) refuseReadOnly(path, replaced);
  const temp = join(dirname(path), `.${process.pid}.${Date.now()}.${counter++}.agentsmith.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      // encode() may replace the scratch buffer with a larger one: take it only after encoding.
      const size = typeof content === 'string' ? encode(content) : content.length;
      const bytes = typeof content === 'string' ? scratch : content;
      let written = 0;
      while (written < size) written += writeSync(fd, bytes, written, size - written);
      if (replaced) keepOwnerAndMode(fd, replaced);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Refuses to replace a file its user may not write: renaming over it would succeed anyway. */
function refuseReadOnly(path: string, stat: Stats): void {
  const mode = readOnlyMode(path, stat);
  if (mode !== undefined) {
    throw new Error(`${path} is read-only (mode ${mode}), so it was not replaced; make it writable (chmod u+w) if it should be, or leave it out`);
  }
}

/**
 * The mode (`444`) of a file that writeAtomic refuses to replace, or undefined when it may: no write
 * permission for this user, or no `w` bit at all (which root would otherwise ignore). `stat` is the
 * file's own (lstat): a symbolic link is replaced, whatever its target's mode.
 */
export function readOnlyMode(path: string, stat: Stats): string | undefined {
  if (!stat.isFile()) return undefined;
  let writable = (stat.mode & 0o222) !== 0;
  // The usual case, an own file with the owner's w bit (or any w bit for root), needs no system call.
  const uid = process.getuid?.();
  const own = uid === 0 || (uid === stat.uid && (stat.mode & 0o200) !== 0);
  if (writable && !own) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  return writable ? undefined : (stat.mode & 0o777).toString(8).padStart(3, '0');
}

/** The replaced file's owner (chown needs privileges: EPERM is expected and ignored) and mode, set on the temp file. */
function keepOwnerAndMode(fd: number, stat: Stats): void {
  const own = fstatSync(fd);
  if (own.uid !== stat.uid || own.gid !== stat.gid) {
    try {
      fchownSync(fd, stat.uid, stat.gid);
    } catch (error) {
      if (codeOf(error) !== 'EPERM' && codeOf(error) !== 'EINVAL') throw error;
    }
  }
  // After chown, which may clear set-id bits.
  fchmodSync(fd, stat.mode & 0o7777);
}

/** Temp files of this tool: `.PID.TIME.N.agentsmith.tmp`. */
const TEMP_FILE = /^\.(\d+)\.\d+\.\d+\.agentsmith\.tmp$/;

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
