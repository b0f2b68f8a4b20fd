import { resolve, sep } from 'node:path';

/**
 * The set of agents a file belongs to, for the duplicate-name rule: a `.claude/agents` tree (a project's
 * or a user's; its sub-folders share one namespace), else the file's own folder when it lies in a folder
 * named `agents` (a plugin's: the client names those agents plugin:sub-folders:name, so two sub-folders
 * never collide), else '' (files outside any agents folder are taken as one set). A project's agents
 * take precedence over a user's, so those two trees do not collide either.
 */
export function agentScope(path: string): string {
  const parts = resolve(path).split(sep);
  for (let k = 0; k + 2 < parts.length; k++) if (parts[k] === '.claude' && parts[k + 1] === 'agents') return parts.slice(0, k + 2).join(sep);
  return parts.lastIndexOf('agents', parts.length - 2) > 0 ? parts.slice(0, -1).join(sep) : '';
}

/** Where a path's folder part ends (its last separator; on Windows also `/` and a drive's `:`), or -1. */
export const folderEnd: (path: string) => number =
  sep === '/' ? (path) => path.lastIndexOf('/') : (path) => Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'), path.lastIndexOf(':'));

/**
 * Scopes of checked files, worked out once per folder (a 10k check has one or a few). A folder is the
 * path as written up to its last separator: paths written alike share it (path.dirname, which also
 * reads `..` and trailing separators, took most of a 10k check's duplicate-name rule).
 */
export class AgentScopes {
  private byFolder = new Map<string, string>();

  of(path: string): string {
    const folder = path.slice(0, folderEnd(path) + 1);
    let scope = this.byFolder.get(folder);
    if (scope === undefined) {
      scope = agentScope(path);
      this.byFolder.set(folder, scope);
    }
    return scope;
  }

  /** `group` (entries into `paths` that register one name) split by scope; only parts of 2 or more. */
  split(group: number[], paths: readonly string[]): number[][] {
    const first = this.of(paths[group[0] ?? 0] ?? '');
    if (group.every((i) => this.of(paths[i] ?? '') === first)) return [group];
    const byScope = new Map<string, number[]>();
    for (const i of group) {
      const scope = this.of(paths[i] ?? '');
      const same = byScope.get(scope);
      if (same) same.push(i);
      else byScope.set(scope, [i]);
    }
    return [...byScope.values()].filter((part) => part.length > 1);
  }
}
