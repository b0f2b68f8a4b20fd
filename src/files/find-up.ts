import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The first value `look` finds in `start` or a folder above it. The search stops at the repository root
 * (the first folder holding `.git`, a folder or a worktree's file) or the filesystem root, so the config or
 * agents of an enclosing project never apply: a team runs the commands from any folder of its project.
 */
export function findUp<T>(start: string, look: (folder: string) => T | undefined): T | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const found = look(folder);
    if (found !== undefined) return found;
    if (existsSync(join(folder, '.git')) || dirname(folder) === folder) return undefined;
  }
}
