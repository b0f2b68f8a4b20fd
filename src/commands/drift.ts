import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ExitError } from '../errors.js';
import { shortDiff } from '../files/diff.js';
import { codeOf, describe, statOf } from '../files/errors.js';
import { agentsTree } from '../files/same-name.js';
import { targetPath } from '../files/write.js';
import type { RenderEnv } from '../render/render.js';
import type { Variant } from '../spec/bulk.js';
import { blockerOf, danglingLink, producedToo, specTargetCheck, renderVariants, type RenderedVariant } from './bulk.js';
import { plural, shellWord } from './text.js';

export interface DriftEntry {
  path: string;
  name: string;
  /** `orphan`: an agent file in the output folder that the spec does not produce (a warning, never removed). */
  status: 'in-sync' | 'missing' | 'differs' | 'invalid' | 'orphan';
  diff: string[];
  /** For `differs`: the first line (1-based) of the file on disk that differs from what the spec renders. */
  line?: number;
}

/** Shown paths are relative to the user's folder. */
const shownPath = (path: string): string => relative(process.cwd(), path) || path;

/** A rendered variant and its target: '' when the variant is invalid (no file to point at). */
export interface Target {
  rendered: RenderedVariant;
  path: string;
}

/** What a spec renders now, and where: one target per variant. */
function targetsOf(variants: Variant[], env: RenderEnv, outDir: string): Target[] {
  return renderVariants(variants, env).map((rendered) => ({ rendered, path: rendered.problems.length > 0 ? '' : targetPath(outDir, rendered.fileName) }));
}

/** The files a spec writes. */
const pathsOf = (targets: Target[]): Set<string> => new Set(targets.map((target) => target.path).filter((path) => path !== ''));

/**
 * What a spec renders now, against the files on disk: one entry per variant. With `clash` (the message
 * bulk refuses a variant with when another agent file of the tree registers its name), such a variant is
 * invalid, as bulk's plan says (bulk --check and check --spec alike).
 */
function compareSpec(targets: Target[], clash?: (name: string, path: string) => string | undefined): DriftEntry[] {
  /** Target → the variants (by index) that render to it: more than one is a spec bulk refuses. */
  const producers = new Map<string, number[]>();
  const entries: DriftEntry[] = targets.map(({ rendered, path }, index) => {
    if (path === '') {
      // No file to point at: the spec entry that makes it, with its line.
      return { path: sourceOf(rendered), name: rendered.name, status: 'invalid', diff: rendered.problems };
    }
    producers.set(path, [...(producers.get(path) ?? []), index]);
    const shown = shownPath(path);
    const stat = statOf(path);
    if (stat instanceof Error) {
      return { path: shown, name: rendered.name, status: 'differs', diff: [`${shown} cannot be read (${describe(stat)}), so it is not the agent file the spec renders; remove it and run bulk.`] };
    }
    if (!stat) {
      // A link to nothing is no missing file: bulk refuses to write there without --force, as its plan says.
      const dangling = danglingLink(path);
      if (dangling === undefined) return { path: shown, name: rendered.name, status: 'missing', diff: [] };
      return { path: shown, name: rendered.name, status: 'differs', diff: [`${dangling.replace(path, shown)}, not the agent file the spec renders; bulk --force replaces the link with it.`] };
    }
    // What bulk --force would refuse to replace (a folder, a link to one, a pipe, a read-only file that
    // differs) is no drift that regenerating mends: it is invalid, with the plan's message.
    const blocked = (): DriftEntry | undefined => {
      const blocker = blockerOf(path, 'overwrite', stat);
      return blocker && !blocker.forceHelps ? { path: shown, name: rendered.name, status: 'invalid', diff: [`${sourceOf(rendered)}: ${blocker.problem}`] } : undefined;
    };
    if (!stat.isFile()) {
      return blocked() ?? { path: shown, name: rendered.name, status: 'differs', diff: [`${shown} is not a regular file, not the agent file the spec renders; move it.`] };
    }
    const current = readTarget(path, shown);
    if (current === rendered.content) return { path: shown, name: rendered.name, status: 'in-sync', diff: [] };
    const refused = blocked();
    if (refused) return refused;
    // The \r is invisible in a diff, whose lines would all look unchanged.
    if (current.replaceAll('\r\n', '\n') === rendered.content) {
      return { path: shown, name: rendered.name, status: 'differs', diff: [CRLF_ONLY], line: 1 };
    }
    return { path: shown, name: rendered.name, status: 'differs', ...shortDiff(current, rendered.content) };
  });
  const invalid = (index: number, problem: string): void => {
    const entry = entries[index];
    if (entry) entries[index] = { path: entry.path, name: entry.name, status: 'invalid', diff: [problem] };
  };
  // Compared one by one, the file matches one of them and "differs" from the others, and "bulk --force"
  // would not mend that: it refuses the spec. Say what bulk says.
  for (const indexes of producers.values()) {
    if (indexes.length < 2) continue;
    const sources = indexes.map((i) => (targets[i] ? sourceOf(targets[i].rendered) : ''));
    indexes.forEach((index, self) => invalid(index, `${sources[self]}: ${producedToo(entries[index]?.name ?? '', sources, self)}`));
  }
  targets.forEach(({ rendered, path }, index) => {
    const problem = clash && path !== '' && entries[index]?.status !== 'invalid' ? clash(rendered.name, path) : undefined;
    if (problem !== undefined) invalid(index, `${sourceOf(rendered)}: ${problem}`);
  });
  return entries;
}

const CRLF_ONLY =
  'only the line endings differ: the file has CRLF, the spec renders LF (git core.autocrlf or an editor converted it; ' +
  'a .gitattributes line such as ".claude/agents/*.md text eol=lf" keeps generated files LF)';

/** The spec entry that makes a variant, with its line: `agents[2] at spec.yaml:9`. */
const sourceOf = (variant: Pick<Variant, 'origin' | 'where'>): string => (variant.where === undefined ? variant.origin : `${variant.origin} at ${variant.where}`);

/**
 * What a spec renders now (rendered in memory, nothing read from the output folder yet), and the files it
 * writes: check --spec renders every spec before --fix changes a file, so a template error stops the run first.
 */
export function specTargets(variants: Variant[], env: RenderEnv, outDir: string): { targets: Target[]; paths: Set<string> } {
  const targets = targetsOf(variants, env, outDir);
  return { targets, paths: pathsOf(targets) };
}

/**
 * What a spec renders now (specTargets) against the files on disk, one entry per variant; `clash` as in
 * compareSpec (agentsTree's, so that a name another file of the agents tree registers is invalid).
 */
export const specDrift = (targets: Target[], clash?: (name: string, path: string) => string | undefined): DriftEntry[] => compareSpec(targets, clash);

/**
 * The agent files of an output folder that none of `targets` is: orphans (a warning, never removed).
 * `isAgent` says whether the client takes a file for an agent, from a verdict the caller has or takes.
 */
export function orphanEntries(outDir: string, targets: Set<string>, isAgent: (path: string) => boolean): DriftEntry[] {
  return orphanFiles(outDir, targets, isAgent).map((path) => ({ path: shownPath(path), name: basename(path, '.md'), status: 'orphan', diff: [] }));
}

/** The agents tree around `outDir` (agentsTree), with the spec's own targets as the files it will hold. */
export const treeOf = (targets: Target[], outDir: string): ReturnType<typeof agentsTree> =>
  agentsTree(targets.map(({ rendered, path }) => ({ name: rendered.name, path })), outDir);

/** Compares what the spec renders now with the files on disk, and lists the files it no longer produces. */
export function driftReport(variants: Variant[], env: RenderEnv, outDir: string, specFile: string) {
  const targets = targetsOf(variants, env, outDir);
  // The agents tree, read once: the names other files register, and which of the orphans are agents.
  const tree = treeOf(targets, outDir);
  const specTarget = specTargetCheck(specFile);
  const entries = compareSpec(targets, (name, path) => specTarget(path) ?? tree.clash(name, path));
  const orphans = orphanEntries(outDir, pathsOf(targets), tree.isAgent);
  const drifted = entries.filter((entry) => entry.status !== 'in-sync');
  const invalid = drifted.filter((entry) => entry.status === 'invalid').length;
  // Regenerating alone cannot mend an invalid agent: bulk refuses the spec (or the file in the way) until
  // it is fixed, and each entry says what to fix.
  const mend =
    invalid > 0
      ? `first fix the ${plural(invalid, 'invalid agent')} above (each says what stops bulk: the spec or a file in the way), then run "agentsmith bulk ${shellWord(specFile)} --force"`
      : `run "agentsmith bulk ${shellWord(specFile)} --force" to regenerate them`;
  const lines = [...drifted, ...orphans].flatMap((entry) => [`${entry.status.padEnd(8)} ${entry.path}`, ...entry.diff.map((line) => `    ${line}`)]);
  lines.push(
    drifted.length === 0
      ? `All ${entries.length} agent files are in sync with the spec.`
      : `${drifted.length} of ${entries.length} agent files are out of sync with the spec; ${mend}.`,
  );
  if (orphans.length > 0) {
    lines.push(
      `Warning: ${plural(orphans.length, 'agent file')} in ${shownPath(outDir)} ${orphans.length === 1 ? 'is' : 'are'} not produced by ${specFile} (orphan above); ` +
        `${orphans.length === 1 ? 'if the spec made it once, remove it: Claude Code still reads it as an agent' : 'if the spec made them once, remove them: Claude Code still reads them as agents'}. Nothing was deleted.`,
    );
  }
  return {
    clean: drifted.length === 0,
    entries: [...entries, ...orphans],
    text: `${lines.join('\n')}\n`,
    json: { clean: drifted.length === 0, files: [...entries, ...orphans] },
  };
}

/** A target's text; one that cannot be read is an I/O problem (exit 2), not drift. */
function readTarget(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExitError(`cannot read ${shown}: ${describe(error)}; the drift check needs to read every file the spec renders.`, 2);
  }
}

/**
 * The `.md` files directly in the output folder (where bulk writes) that no variant renders to, and that
 * the client takes for agents (`isAgent`): a README or notes beside the agents (no frontmatter, no name)
 * is none, and no spec ever made it. Only files the spec does not produce are asked about.
 */
function orphanFiles(outDir: string, targets: Set<string>, isAgent: (path: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir, { withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.md') && (entry.isFile() || entry.isSymbolicLink()))
      .map((entry) => entry.name);
  } catch (error) {
    // No folder yet: nothing was generated, so nothing is an orphan. Anything else hides the files.
    if (codeOf(error) === 'ENOENT') return [];
    throw new ExitError(`cannot read the output folder ${relative(process.cwd(), outDir) || outDir}: ${describe(error)}; the drift check needs to list it.`, 2);
  }
  return names
    .sort()
    .map((name) => join(outDir, name))
    .filter((path) => !targets.has(path) && isAgent(path));
}
