import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAgentBytes } from '../parser/index.js';
import { collectFiles, folderEntry } from './collect.js';
import { danglingLinkWords, statOf } from './errors.js';
import type { PlannedFile } from './plan.js';

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
 * The names the agent files under an agents root register, read once (a walk and a parse per file) and
 * then asked for any number of names. Files in `skip` (absolute paths a run is about to replace) are not
 * read: what they register now does not matter. Unreadable files are left to `check`.
 */
export class AgentNames {
  private byName: Map<string, string[]> | undefined;
  /** The files the client takes for agents (loaded or skipped), as the walk found them. */
  private agents: string[] = [];
  /** The same as folder entries (see folderEntry), made at the first isAgent: `new` and bulk never ask. */
  private agentEntries: Set<string> | undefined;

  constructor(
    readonly root: string,
    private readonly skip: ReadonlySet<string> = new Set(),
  ) {}

  /** Another agent file that registers `name`, or undefined; `target` (the file about to be written) does not count. */
  other(name: string, target: string): string | undefined {
    const paths = this.index().get(name);
    if (!paths) return undefined;
    const self = folderEntry(target);
    return paths.find((path) => folderEntry(path) !== self);
  }

  /**
   * Whether the client takes the file at `path` for an agent (loaded or skipped), from the verdict this
   * index took: no file is parsed twice. A file in `skip`, or one the walk cannot read, is none.
   */
  isAgent(path: string): boolean {
    this.index();
    this.agentEntries ??= new Set(this.agents.map(folderEntry));
    return this.agentEntries.has(folderEntry(path));
  }

  private index(): Map<string, string[]> {
    if (this.byName) return this.byName;
    const byName = new Map<string, string[]>();
    if (existsSync(this.root)) {
      for (const { path } of collectFiles([this.root]).files) {
        if (this.skip.has(resolve(path))) continue;
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        // As check reads it: a file over 1 MiB is no agent to the client, so it takes no name.
        const { verdict } = parseAgentBytes(bytes, path);
        if (verdict.kind !== 'not-an-agent') this.agents.push(path);
        if (verdict.kind !== 'loaded') continue;
        byName.set(verdict.registeredName, [...(byName.get(verdict.registeredName) ?? []), path]);
      }
    }
    this.byName = byName;
    return byName;
  }
}

/**
 * The agents tree around the targets of a bulk run, read once, at the first question; the targets
 * themselves are not read (the run replaces them). `clash` is the message bulk refuses a variant with when
 * another agent file registers its name (every name of the run counts as taken for the one it suggests);
 * `isAgent`, whether the client takes a file of the tree for an agent.
 */
export function agentsTree(variants: readonly { name: string; path: string }[], outDir: string) {
  const names = new AgentNames(agentsRoot(outDir), new Set(variants.map((variant) => variant.path).filter((path) => path !== '')));
  const planned = new Set(variants.map((variant) => variant.name));
  return {
    clash(name: string, target: string): string | undefined {
      const other = names.other(name, target);
      return other === undefined ? undefined : sameNameMessage(name, other, outDir, names, (candidate) => planned.has(candidate));
    },
    isAgent: (path: string): boolean => names.isAgent(path),
  };
}

/** One index per agents root for the run: `new` asks up to three times (flag, prompt, write). */
const indexes = new Map<string, AgentNames>();

/** The names registered under the agents root of `outDir`, read on first use in this run. */
function agentNames(outDir: string): AgentNames {
  const root = agentsRoot(outDir);
  let names = indexes.get(root);
  if (!names) {
    names = new AgentNames(root);
    indexes.set(root, names);
  }
  return names;
}

/** Forgets the names read so far: call after writing, so a later question in the same process reads the tree again. */
export function forgetAgentNames(): void {
  indexes.clear();
}

/**
 * Why `<out>/<name>.md` cannot be written, or undefined: it exists and there is no --force, or another
 * file of the agents folder registers the name (which --force does not change). `planned`: what planFiles
 * found at the target, when the caller has planned the write (the target is then not looked at again).
 */
export function targetProblem(name: string, options: { outDir: string; force: boolean }, planned?: Pick<PlannedFile, 'action' | 'stat'>): string | undefined {
  const path = join(resolve(options.outDir), `${name}.md`);
  const stat = planned ? planned.stat : statOf(path);
  // --force replaces a file, never a folder: saying "pass --force" there only sends the user into a failed write.
  if (!(stat instanceof Error) && stat?.isDirectory()) {
    return `${path} is a folder, so the agent cannot be written there; choose another --name, or move the folder away (--force does not replace a folder).`;
  }
  const exists = planned ? planned.action !== 'create' : stat !== undefined && !(stat instanceof Error);
  if (exists && !options.force) {
    // A link to nothing is no file that exists (ls shows it, cat cannot read it): say what is there.
    const dangling = danglingLinkWords(path);
    if (dangling !== undefined) return `${path} is ${dangling}; pass --force to replace the link with the agent, or choose another --name.`;
    return `${path} already exists; pass --force to overwrite it, or choose another --name.`;
  }
  const other = agentNames(options.outDir).other(name, path);
  return other === undefined ? undefined : sameNameMessage(name, other, options.outDir);
}

/**
 * The message for a name taken by another file: which file, and a name neither registered nor a file
 * yet. `taken` says whether a name is already planned elsewhere too (bulk: another variant's name).
 */
export function sameNameMessage(name: string, other: string, outDir: string, names = agentNames(outDir), taken: (name: string) => boolean = () => false): string {
  let n = 2;
  const used = (candidate: string): boolean =>
    taken(candidate) || existsSync(join(outDir, `${candidate}.md`)) || names.other(candidate, join(outDir, `${candidate}.md`)) !== undefined;
  while (used(`${name}-${n}`)) n++;
  const shown = relative(process.cwd(), other) || other;
  return (
    `the name "${name}" is already registered by ${shown}; Claude Code would keep only one of the two agents. ` +
    `Choose another name (e.g. "${name}-${n}"); --force does not help, it only overwrites ${name}.md itself.`
  );
}

