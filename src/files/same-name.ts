import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAgentFile } from '../parser/index.js';
import { collectFiles } from './collect.js';

/**
 * The folder the client searches for agents written to `outDir`: the enclosing `.claude/agents` (it reads
 * `.claude/agents/**`, so `--out .claude/agents/team` shares names with the whole tree), else `outDir` itself.
 */
export function agentsRoot(outDir: string): string {
  for (let dir = resolve(outDir); ; dir = dirname(dir)) {
    if (basename(dir) === 'agents' && basename(dirname(dir)) === '.claude') return dir;
    if (dirname(dir) === dir) return resolve(outDir);
  }
}

/**
 * Another agent file under the agents root that registers `name`, or undefined. `target` (the file about
 * to be written, which --force may overwrite) does not count. Unreadable files are left to `check`.
 */
export function otherFileNamed(outDir: string, name: string, target: string): string | undefined {
  const root = agentsRoot(outDir);
  if (!existsSync(root)) return undefined;
  const self = real(target);
  for (const { path } of collectFiles([root]).files) {
    if (real(path) === self) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    // Parsing is the slow part; a file that never spells the name cannot register it.
    if (!text.includes(name)) continue;
    const { verdict } = parseAgentFile(text, path);
    if (verdict.kind === 'loaded' && verdict.registeredName === name) return path;
  }
  return undefined;
}

/**
 * Why `<out>/<name>.md` cannot be written, or undefined: it exists and there is no --force, or another
 * file of the agents folder registers the name (which --force does not change).
 */
export function targetProblem(name: string, options: { outDir: string; force: boolean }, exists?: boolean): string | undefined {
  const path = join(resolve(options.outDir), `${name}.md`);
  if ((exists ?? existsSync(path)) && !options.force) return `${path} already exists; pass --force to overwrite it, or choose another --name.`;
  const other = otherFileNamed(options.outDir, name, path);
  return other === undefined ? undefined : sameNameMessage(name, other, options.outDir);
}

/** The message for a name taken by another file: which file, and a name neither registered nor a file yet. */
export function sameNameMessage(name: string, other: string, outDir: string): string {
  let n = 2;
  const taken = (candidate: string): boolean =>
    existsSync(join(outDir, `${candidate}.md`)) || otherFileNamed(outDir, candidate, join(outDir, `${candidate}.md`)) !== undefined;
  while (taken(`${name}-${n}`)) n++;
  const shown = relative(process.cwd(), other) || other;
  return (
    `the name "${name}" is already registered by ${shown}; Claude Code would keep only one of the two agents. ` +
    `Choose another name (e.g. "${name}-${n}"); --force does not help, it only overwrites ${name}.md itself.`
  );
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
