import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { codeOf, describe } from './errors.js';

/**
 * Why `out` cannot be an output folder, or undefined: it, or the nearest part of it that exists, is a
 * file (or a pipe, a device), so nothing can be created there. A folder that does not exist yet is fine:
 * it is created on the first write. Any other answer than "not there" (a name too long for the file
 * system, a link loop, no permission to look) is a problem too: the plan would otherwise call every target
 * a file that "exists and differs", and the write fail.
 */
export function outFolderProblem(out: string, shown = out): string | undefined {
  if (out.includes('\0')) return `${shown.replaceAll('\0', '\\0')} holds a NUL character, which no path can hold`;
  const target = resolve(out);
  for (let path = target; ; path = dirname(path)) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      // Not there (ENOENT), or under a file (ENOTDIR: the loop finds that file next).
      if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') return `${shown} cannot be used: ${path === target ? '' : `${path}: `}${describe(error)}`;
      if (dirname(path) === path) return undefined;
      continue;
    }
    if (isFolder) return undefined;
    return path === target ? `${shown} is a file; it must be a folder` : `${path} is a file, so ${shown} cannot be made under it; it must be a folder`;
  }
}
