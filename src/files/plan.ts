import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { encode, encoded } from './encode.js';
import { lstatOf, statOf } from './errors.js';
import { targetPath } from './write.js';

export type PlanAction = 'create' | 'overwrite' | 'unchanged' | 'exists';

export interface PlannedFile {
  /** Absolute path of the target. */
  path: string;
  content: string;
  action: PlanAction;
  /** What planning's stat found at the target (statOf: links followed), for a caller's further questions. */
  stat?: Stats | Error | undefined;
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

/** One buffer for reading targets back when deciding whether they changed, grown for a larger file. */
let disk = Buffer.allocUnsafe(64 * 1024);

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
    return read === size && disk.compare(encoded(), 0, size, 0, size) === 0 ? 'same' : 'differs';
  } catch {
    return 'differs';
  } finally {
    closeSync(fd);
  }
}
