import { lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { shownPath } from './shown-text.js';

/**
 * A system error (errno code) in words, for messages that already name the path: "permission denied",
 * not "EACCES: permission denied, open '/x/y'". Anything unusual keeps the system's own message.
 */
export function describe(error: unknown): string {
  switch (codeOf(error)) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EEXIST':
      return 'already exists';
    case 'ENAMETOOLONG':
      return 'a name in the path is too long for the file system';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Where a symbolic link at `path` points when nothing is there (a dangling link), else undefined: the
 * system says ENOENT for such a path, "no such file", though `ls` lists it. Asked only after a failure.
 */
function danglingTarget(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink() || statSync(path, { throwIfNoEntry: false }) !== undefined) return undefined;
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A dangling link at `path` in words, `a symbolic link to X, which does not exist` (X with its control
 * characters escaped: it is text from the disk, for a line on stderr), else undefined.
 */
export function danglingLinkWords(path: string): string | undefined {
  const target = danglingTarget(path);
  return target === undefined ? undefined : `a symbolic link to ${shownPath(target)}, which does not exist`;
}

/** Why `error` (from opening or reading `path`) happened, in words: a dangling link is said as such. */
export function describeAt(path: string, error: unknown): string {
  return (codeOf(error) === 'ENOENT' ? danglingLinkWords(path) : undefined) ?? describe(error);
}

/** The errno code of a system error, if it has one. */
export const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * statSync that never throws: the stats, undefined when nothing is there (ENOENT), or the error when
 * something is there that cannot be followed or read (a symbolic link loop, a path through a file,
 * no permission). `{ throwIfNoEntry: false }` only spares ENOENT: a link loop at a target crashed callers.
 */
export const statOf = (path: string): Stats | undefined | Error => statWith((p) => statSync(p, { throwIfNoEntry: false }), path);

/** `statOf` without following a symbolic link at `path`. */
export const lstatOf = (path: string): Stats | undefined | Error => statWith((p) => lstatSync(p, { throwIfNoEntry: false }), path);

function statWith(stat: (path: string) => Stats | undefined, path: string): Stats | undefined | Error {
  try {
    return stat(path);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
