import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Document } from 'yaml';
import { ExitError, UsageError } from '../errors.js';
import { danglingLinkWords, describe, statOf } from '../files/errors.js';
import { agentsFolderFor } from '../files/find-up.js';
import { agentsRoot } from '../files/same-name.js';
import { holdSignals, signalExit } from '../files/signals.js';
import { removeStaleTemps } from '../files/temp-files.js';
import { stageAtomic, type StagedWrite } from '../files/write.js';
import type { Answers } from '../spec/answers.js';
import { plural } from './text.js';
import { AGENTS_FOLDER } from '../paths.js';

/** An imported agent: where it came from, the name the client registered, and its spec entry. */
export interface ImportedFile {
  path: string;
  registeredName: string;
  answers: Answers;
  /** The comment above its spec entry (source, notes). */
  comment: string;
}

/** Warnings for agents that end up with one name: the client keeps one of them, and bulk refuses the spec. */
export function duplicateNames(agents: ImportedFile[]): string[] {
  const byName = new Map<string, ImportedFile[]>();
  for (const agent of agents) {
    const name = agent.answers.name ?? '';
    byName.set(name, [...(byName.get(name) ?? []), agent]);
  }
  return [...byName]
    .filter(([, group]) => group.length > 1)
    .map(
      ([name, group]) =>
        `warning: ${group.map((agent) => `${agent.path} ("${agent.registeredName}")`).join(', ')} all become the agent "${name}": ` +
        'Claude Code would keep only one of them, and bulk refuses the spec until each has its own name; rename all but one in the spec.',
    );
}

/**
 * Where bulk should write the imported agents: back where they came from (the common folder of the paths
 * given, a folder as such and a file by its folder, when that is a `.claude/agents` folder or inside one),
 * else the project's agents folder (as `new` finds it). Not `.claude/agents` beside the spec, the spec's
 * default: a spec kept in `specs/` would regenerate the agents into `specs/.claude/agents`, which the
 * client never reads.
 */
export function importOutDir(inputs: string[], cwd: string): string {
  const folders = inputs.map((path) => {
    const stat = statOf(path);
    return stat instanceof Error || !stat?.isDirectory() ? dirname(resolve(path)) : resolve(path);
  });
  let common = folders[0] ?? resolve(cwd);
  for (const folder of folders) while (!within(common, folder)) common = dirname(common);
  return isAgentsFolder(agentsRoot(common)) ? common : agentsFolderFor(cwd);
}

/** Whether `path` is `folder` or below it (a child named `..x` is below it; `..` and `../x` are not). */
function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

const isAgentsFolder = (folder: string): boolean => basename(folder) === 'agents' && basename(dirname(folder)) === '.claude';

/** The spec's `out` for `outDir`, relative to the spec's folder; undefined when it is the default, `.claude/agents`. */
export function specOut(outDir: string, specFolder: string): string | undefined {
  const out = relative(specFolder, outDir).split(sep).join('/') || '.';
  return out === AGENTS_FOLDER ? undefined : out;
}

/**
 * Bulk writes each agent as `<outDir>/<name>.md`. An original inside that folder (the client searches it
 * recursively) under another path stays where it is, and the client then loads both; if it registers the
 * same name, bulk refuses to write the new file at all. List those files, so the user moves them out first.
 */
export function renamedOriginals(agents: ImportedFile[], outDir: string): string[] {
  const renamed = agents.flatMap((agent) => {
    const original = resolve(agent.path);
    const target = join(outDir, `${agent.answers.name ?? ''}.md`);
    const inside = within(outDir, original);
    return inside && original !== target && !sameFile(original, target) ? [`  ${agent.path} (bulk writes ${relative('.', target)})`] : [];
  });
  if (renamed.length === 0) return [];
  // A spec writes into one folder: agents kept in sub-folders would all land in outDir.
  const nested = agents.some((agent) => {
    const folder = dirname(resolve(agent.path));
    return relative(outDir, folder) !== '' && within(outDir, folder);
  });
  return [
    `note: bulk will write ${plural(renamed.length, 'agent')} under a new file name, and the original${renamed.length === 1 ? ' stays' : 's stay'} in place: ` +
      'Claude Code would load both copies, and bulk refuses a name that another file still registers. ' +
      'Before running bulk, move out of the agents folder (the spec holds their text):',
    ...renamed,
    ...(nested
      ? [`A spec writes its agents into one folder (${relative('.', outDir) || '.'}); to keep sub-folders, import each one into a spec of its own (its out is that folder).`]
      : []),
  ];
}

/** The spec: one `agents` entry per file, each under a comment saying where it came from and what changed. */
export function specText(agents: ImportedFile[], out?: string): string {
  const spec = new Document({ ...(out === undefined ? {} : { out }), agents: agents.map((agent) => agent.answers) });
  const list = spec.get('agents', true) as { items: { commentBefore?: string }[] };
  list.items.forEach((item, i) => {
    item.commentBefore = agents[i]?.comment;
  });
  spec.commentBefore = ' agentsmith bulk spec, made by "agentsmith import"; render with: agentsmith bulk <this file>';
  return spec.toString({ lineWidth: 0, blockQuote: 'literal' });
}

/**
 * Writes the spec to `out` atomically, or explains (exit 2) why it cannot: nothing partial is left. SIGINT
 * and SIGTERM are held while the spec is written to its temp file (as bulk holds them): one that came
 * removes the temp file, leaves `out` as it was, and exits 130 or 143; without that, a kill during the
 * write left the temp file behind. Temp files that a killed run (kill -9) left beside `out` are removed
 * first, and said with `say`.
 */
export async function writeSpec(out: string, text: string, force: boolean, say: (line: string) => void = () => {}): Promise<void> {
  refuseSpecTarget(out, force);
  const target = resolve(out);
  const signals = holdSignals();
  try {
    const stale = removeStaleTemps(dirname(target));
    if (stale.length > 0) say(`agentsmith import: removed ${plural(stale.length, 'temp file')} that an interrupted run left in ${dirname(out) === '.' ? 'the current folder' : dirname(out)}: ${stale.map((path) => basename(path)).join(', ')}.\n`);
    let staged: StagedWrite;
    try {
      staged = stageAtomic(target, text);
    } catch (error) {
      throw new ExitError(`cannot write ${out}: ${describe(error)}.`, 2);
    }
    const signal = await signals.settle();
    if (signal) {
      staged.discard();
      throw new ExitError(`agentsmith import: interrupted (${signal}); ${out} was not written${existsSync(target) ? ' (the file there is as it was)' : ''}.`, signalExit(signal));
    }
    try {
      staged.commit();
    } catch (error) {
      throw new ExitError(`cannot write ${out}: ${describe(error)}.`, 2);
    }
  } finally {
    signals.release();
  }
}

/**
 * Refuses an --out the spec cannot be written to (a missing folder, a folder, a pipe, a file there
 * without --force). import asks before it reads any agent, and writeSpec again before writing.
 */
export function refuseSpecTarget(out: string, force: boolean): void {
  const target = resolve(out);
  const folder = statOf(dirname(target));
  if (folder instanceof Error) throw new ExitError(`cannot write ${out}: ${dirname(out)}: ${describe(folder)}; choose another --out.`, 2);
  if (!folder) throw new ExitError(`cannot write ${out}: the folder ${dirname(out)} does not exist; create it, or choose another --out.`, 2);
  if (!folder.isDirectory()) throw new ExitError(`cannot write ${out}: ${dirname(out)} is a file, not a folder; choose another --out.`, 2);
  const existing = statOf(target);
  if (existing instanceof Error) throw new ExitError(`cannot write ${out}: ${describe(existing)}; choose another --out.`, 2);
  if (existing?.isDirectory()) throw new ExitError(`cannot write ${out}: it is a folder; give a file for the spec, such as ${join(out, 'agents.yaml')}.`, 2);
  if (existing && !existing.isFile()) throw new ExitError(`cannot write ${out}: not a regular file (a pipe, socket or device); choose another --out.`, 2);
  if (existing && !force) throw new ExitError(`${out} exists; pass --force to overwrite it.`, 1);
  // A link to nothing is still something there: the spec would replace it, which is --force's to allow.
  const dangling = existing === undefined ? danglingLinkWords(target) : undefined;
  if (dangling !== undefined && !force) throw new ExitError(`${out} is ${dangling}; pass --force to replace the link with the spec.`, 1);
}

/**
 * Refuses an --out that is one of the files being imported: the spec would replace an agent, and with
 * it the text the spec came from (--force does not change that).
 */
export function checkOutNotInput(out: string, inputs: string[]): void {
  const input = inputs.find((path) => resolve(path) === resolve(out) || sameFile(path, out));
  if (input !== undefined) {
    throw new UsageError(`agentsmith import --out ${out}: that is ${input === out ? 'one of the files imported' : `the file imported as ${input}`}; writing the spec there would replace the agent. Choose another --out (e.g. agents.yaml).`);
  }
}

/** Whether two paths are one file (a case-insensitive disk: `Historian.md` is `historian.md`). */
function sameFile(a: string, b: string): boolean {
  const [x, y] = [statOf(a), statOf(b)];
  return x !== undefined && y !== undefined && !(x instanceof Error) && !(y instanceof Error) && x.dev === y.dev && x.ino === y.ino;
}
