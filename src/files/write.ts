import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ExitError } from '../errors.js';
import { encode, encoded } from './encode.js';
import { codeOf } from './errors.js';
import { tempPath } from './temp-files.js';

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
  stageAtomic(path, content).commit();
}

/** A write that writeAtomic has staged: the content is whole in `temp`, and the target is not touched yet. */
export interface StagedWrite {
  temp: string;
  /** Renames the temp file over the target (removing the temp file if that fails). */
  commit(): void;
  /** Removes the temp file: the target stays as it was. */
  discard(): void;
}

/**
 * writeAtomic's first half, for a caller that must decide between the write and the rename (import
 * asks whether a signal came while it wrote): the content in a temp file beside `path`, carrying the
 * replaced file's mode and owner. Nothing is left behind if writing it fails.
 */
export function stageAtomic(path: string, content: string | Buffer): StagedWrite {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  const replaced = existing?.isFile() ? existing : undefined;
  if (replaced) refuseReadOnly(path, replaced);
  const temp = tempPath(dirname(path));
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      // encode() may replace the shared buffer with a larger one: take it only after encoding.
      const size = typeof content === 'string' ? encode(content) : content.length;
      const bytes = typeof content === 'string' ? encoded() : content;
      let written = 0;
      while (written < size) written += writeSync(fd, bytes, written, size - written);
      if (replaced) keepOwnerAndMode(fd, replaced);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return {
    temp,
    commit: () => {
      try {
        renameSync(temp, path);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    },
    discard: () => rmSync(temp, { force: true }),
  };
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
