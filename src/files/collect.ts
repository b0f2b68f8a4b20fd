import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Collected {
  /** Path as the user would expect to see it: as given, or the given folder joined with the relative path. */
  path: string;
  /** True when the file was found by walking a folder (rather than named directly). */
  fromFolder: boolean;
  /** Position among everything found (files and problems), so reports keep the order of the command line. */
  order: number;
}

export interface CollectProblem {
  path: string;
  message: string;
  order: number;
}

/**
 * Expands files and folders into `.md` files, recursively, following symlinks as the client does
 * (ripgrep --follow) and visiting each real folder once, so symlink loops end.
 */
export function collectFiles(inputs: string[]): { files: Collected[]; problems: CollectProblem[] } {
  const files: Collected[] = [];
  const problems: CollectProblem[] = [];
  const seenFolders = new Set<string>();
  let order = 0;

  const walk = (folder: string): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      problems.push({ path: folder, message: describe(error), order: order++ });
      return;
    }
    if (seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, message: describe(error), order: order++ });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path);
      } else if (entry.isSymbolicLink()) {
        let stat;
        try {
          stat = statSync(path);
        } catch (error) {
          if (entry.name.endsWith('.md')) problems.push({ path, message: describe(error), order: order++ });
          continue;
        }
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile() && entry.name.endsWith('.md')) files.push({ path, fromFolder: true, order: order++ });
      } else if (entry.isFile() && entry.name.endsWith('.md')) {
        files.push({ path, fromFolder: true, order: order++ });
      }
    }
  };

  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch (error) {
      problems.push({ path: input, message: describe(error), order: order++ });
      continue;
    }
    if (stat.isDirectory()) walk(input);
    else if (stat.isFile()) files.push({ path: input, fromFolder: false, order: order++ });
    // Reading a FIFO or a device would block or never end; the client only reads regular files.
    else problems.push({ path: input, message: 'not a regular file', order: order++ });
  }
  return { files, problems };
}

export function describe(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
