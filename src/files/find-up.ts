import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { AGENTS_FOLDER } from '../paths.js';
import { statOf } from './errors.js';
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

/**
 * The nearest `.claude/agents` folder from `start` upward (see findUp), or undefined. The client reads the
 * agents of the project it runs in, so every command that needs the agents folder without being told
 * (check's default path, new's default output) takes this one, not a new one in a sub-folder.
 */
export function nearestAgentsFolder(start: string): string | undefined {
  // ~/.claude/agents holds the user's own agents, for every project: never a project's folder.
  const home = resolve(homedir());
  return findUp(start, (folder) => (folder !== home && isFolder(join(folder, AGENTS_FOLDER)) ? join(folder, AGENTS_FOLDER) : undefined));
}

/** Where a new agent goes when no folder is named: the project's agents folder, else `.claude/agents` in `start`. */
export function agentsFolderFor(start: string): string {
  return nearestAgentsFolder(start) ?? resolve(start, AGENTS_FOLDER);
}

/** Whether `path` is a folder; false when it cannot be looked at (`.claude` a file, no permission). */
function isFolder(path: string): boolean {
  const stat = statOf(path);
  return !(stat instanceof Error) && stat?.isDirectory() === true;
}
