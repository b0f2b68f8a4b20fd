import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import { applyPlan } from '../files/apply.js';
import { danglingLinkWords, describe, statOf } from '../files/errors.js';
import { resolve } from 'node:path';
import { planFiles, type PlanAction } from '../files/plan.js';
import { agentsTree } from '../files/same-name.js';
import { readOnlyMode } from '../files/write.js';
import { renderAgent, type RenderEnv } from '../render/render.js';
import type { Variant } from '../spec/bulk.js';
import { variantProblems } from '../spec/variant-checks.js';
import { formatDiagnostic, plural } from './text.js';


export interface PlanEntry {
  origin: string;
  /** The spec line of the variant's entry, when known. */
  where?: string;
  name: string;
  /** Absolute path of the target; empty when the name itself is unusable. */
  path: string;
  action: PlanAction | 'invalid';
  problems: string[];
  /** Rule warnings: the file loads and is written, but a check would flag it. */
  warnings: string[];
  content: string;
}

export interface BulkPlan {
  entries: PlanEntry[];
  /** Every problem, across all variants. Nothing is written unless this is empty. */
  problems: string[];
}

/** What planning needs of a rendered variant (small enough to come back from a worker thread). */
export interface RenderedVariant {
  origin: string;
  where?: string;
  name: string;
  fileName: string;
  content: string;
  problems: string[];
  warnings: string[];
}

/** Renders and validates variants through the one render path (new-agent's). */
export function renderVariants(variants: Variant[], env: RenderEnv, onProgress?: (done: number) => void): RenderedVariant[] {
  return variants.map((variant, i) => {
    const rendered = renderAgent(variant.answers, env);
    onProgress?.(i + 1);
    const problems = [...variantProblems(variant.answers, env.presets), ...rendered.errors.map((d) => formatDiagnostic(d))];
    return { origin: variant.origin, where: variant.where, name: rendered.name, fileName: rendered.fileName, content: rendered.content, problems, warnings: rendered.warnings.map((d) => formatDiagnostic(d)) };
  });
}

/** How many of the other variants of one name a message lists: a matrix without a name template gives them all one name. */
const SHOWN_PRODUCERS = 3;

/**
 * Two or more variants of one name: bulk refuses the spec (the client would keep only one of the files).
 * `producers` are all of them, `self` the index of the one the message is about. At most a few others are
 * named: listing every other one in every message made a 3,000-variant matrix without a name template
 * print 267 MB (each of n messages named n - 1 variants).
 */
export function producedToo(name: string, producers: string[], self: number): string {
  const others: string[] = [];
  for (let i = 0; i < producers.length && others.length < SHOWN_PRODUCERS; i++) if (i !== self) others.push(producers[i] ?? '');
  const more = producers.length - 1 - others.length;
  const list = more > 0 ? `${others.join(', ')} and ${plural(more, 'other variant')}` : others.join(', ');
  // Only matrix combinations: the name template (or its absence: every one gets the specialty's name) ignores a key.
  const hint = more > 0 && producers.every((origin) => origin.startsWith('matrix '))
    ? ' (a matrix needs a top-level name template that uses the keys telling its combinations apart)'
    : '';
  return `name "${name}" is also produced by ${list}; give each variant its own name${hint}.`;
}

/**
 * Renders and validates every variant in memory, then decides per file what writing would do.
 * Collects every problem: invalid variants, two variants with one name, existing files without --force.
 */
export function planBulk(variants: Variant[], env: RenderEnv, outDir: string, force: boolean, onProgress?: (done: number) => void, specFile?: string): BulkPlan {
  return planRendered(renderVariants(variants, env, onProgress), outDir, force, specFile);
}

/**
 * A spec kept in its own output folder under an agent's file name (`out: .` and `api-a.md`) would be
 * replaced by that agent, with --force: the text every agent comes from, gone. Refused, whatever the flags.
 */
export function specTargetCheck(specFile: string | undefined): (path: string) => string | undefined {
  if (specFile === undefined) return () => undefined;
  // The spec is looked at once; each target is then compared by path, and by device and inode (a link).
  const spec = statOf(specFile);
  const specPath = resolve(specFile);
  return (path) => {
    if (path === '') return undefined;
    let same = resolve(path) === specPath;
    if (!same && spec !== undefined && !(spec instanceof Error)) {
      const target = statOf(path);
      same = target !== undefined && !(target instanceof Error) && target.dev === spec.dev && target.ino === spec.ino;
    }
    return same
      ? `${path} is the spec file itself (${specFile}); bulk will not replace it, even with --force. Rename the spec (e.g. agents.yaml) or change its out, then run bulk again.`
      : undefined;
  };
}

/** Decides per rendered variant what writing would do, and adds the problems that span variants. */
export function planRendered(rendered: RenderedVariant[], outDir: string, force: boolean, specFile?: string): BulkPlan {
  const entries: PlanEntry[] = [];
  const byName = new Map<string, PlanEntry[]>();
  const specTarget = specTargetCheck(specFile);
  for (const variant of rendered) {
    const entry: PlanEntry = {
      origin: variant.origin,
      ...(variant.where === undefined ? {} : { where: variant.where }),
      name: variant.name,
      path: '',
      action: 'invalid',
      problems: variant.problems,
      warnings: variant.warnings,
      content: variant.content,
    };
    if (entry.problems.length === 0) {
      const [planned] = planFiles(outDir, [{ fileName: variant.fileName, content: variant.content }], force);
      if (planned) {
        entry.path = planned.path;
        entry.action = planned.action;
        // The spec itself at the target: that alone is the problem (not also "exists and differs").
        const spec = specTarget(planned.path);
        const blocker = spec === undefined ? blockerOf(planned.path, planned.action, planned.stat) : { problem: spec, forceHelps: false };
        if (blocker) {
          entry.problems.push(blocker.problem);
          // Only a file that merely differs is `exists` (--force helps); nothing helps the others.
          if (!blocker.forceHelps) entry.action = 'invalid';
        }
      }
    }
    const same = byName.get(entry.name);
    if (same) same.push(entry);
    else byName.set(entry.name, [entry]);
    entries.push(entry);
  }
  for (const [name, list] of byName) {
    if (list.length < 2 || name === '') continue;
    const origins = list.map((entry) => entry.origin);
    list.forEach((entry, index) => {
      entry.problems.push(producedToo(name, origins, index));
      entry.action = 'invalid';
    });
  }
  addNameClashes(entries, outDir);
  const problems = entries.flatMap((entry) =>
    entry.problems.map((problem) => `${entry.origin}${entry.where === undefined ? '' : ` at ${entry.where}`} (${entry.name || 'no name'}): ${problem}`),
  );
  return { entries, problems };
}

/**
 * Names another agent file of the agents tree (the enclosing `.claude/agents`, else the output folder)
 * already registers: the client would keep one of the two, so bulk refuses them as `new` does, and
 * `bulk --check` reports them as `check` does (name/duplicate).
 */
function addNameClashes(entries: PlanEntry[], outDir: string): void {
  const tree = agentsTree(entries, outDir);
  for (const entry of entries) {
    if (entry.path === '' || entry.action === 'invalid') continue;
    const problem = tree.clash(entry.name, entry.path);
    if (problem === undefined) continue;
    entry.problems.push(problem);
    if (entry.action !== 'exists') entry.action = 'invalid';
  }
}

/**
 * Why an existing target stops the write: a folder (no flag helps: it must be moved), a read-only file
 * (refused here, so that --dry-run says so and a run does not write other files only to roll them
 * back), or a file that differs without --force. `found` is what planning's stat found there.
 */
export function blockerOf(path: string, action: PlanAction, found: Stats | Error | undefined): { problem: string; forceHelps: boolean } | undefined {
  if (action !== 'exists' && action !== 'overwrite') return undefined;
  const stop = (problem: string) => ({ problem, forceHelps: false });
  // (A target that cannot be followed, such as a link loop, is replaced like any file with --force.)
  const stat = found instanceof Error ? undefined : found;
  if (stat?.isDirectory()) {
    // A link to a folder is not replaced like other links: the client may read agents through it.
    if (lstatSync(path).isSymbolicLink()) return stop(`${path} is a symbolic link to a folder (${readlinkSync(path)}), not a file; remove or rename the link, then run bulk again.`);
    return stop(`${path} is a folder, not a file; move or rename that folder, then run bulk again.`);
  }
  if (found instanceof Error && action === 'exists') {
    return { problem: `${path} cannot be read (${describe(found)}), so it is not the agent file (pass --force to replace it with the agent file).`, forceHelps: true };
  }
  const dangling = found === undefined ? danglingLink(path) : undefined;
  if (dangling !== undefined) {
    return action === 'exists' ? { problem: `${dangling} (pass --force to replace the link with the agent file).`, forceHelps: true } : undefined;
  }
  if (stat && !stat.isFile()) return stop(`${path} is not a regular file (a pipe, socket or device); move it, then run bulk again.`);
  // stat follows a link, but a link is replaced, not written through: only a file's own mode counts.
  const mode = stat && readOnlyMode(path, stat) !== undefined ? readOnlyMode(path, lstatSync(path)) : undefined;
  if (mode !== undefined) {
    return stop(
      `${path} is read-only (mode ${mode}), so bulk will not replace it, even with --force; make it writable (chmod u+w) if it should be regenerated, or leave its agent out of the spec.`,
    );
  }
  return action === 'exists' ? { problem: `${path} exists and differs (pass --force to overwrite it).`, forceHelps: true } : undefined;
}

/**
 * For a symbolic link at `path` whose target does not exist, what it is, in the words both the plan and
 * the drift check use ("missing" would say bulk creates the file, but without --force it refuses: the link
 * is there; "exists" would say a file is there): `path is a symbolic link to X, which does not exist`.
 */
export function danglingLink(path: string): string | undefined {
  const words = danglingLinkWords(path);
  return words === undefined ? undefined : `${path} is ${words}`;
}

/** What a plan line says about an entry: an existing file without --force is `exists`, not `invalid`. */
export function statusOf(entry: PlanEntry): PlanAction | 'invalid' {
  if (entry.action === 'exists') return 'exists';
  return entry.problems.length > 0 ? 'invalid' : entry.action;
}

/** Writes the plan (all or nothing: a failure restores what this run wrote). */
export function writeBulk(plan: BulkPlan, write?: (path: string, content: string) => void) {
  const files = plan.entries.map((entry) => ({
    path: entry.path,
    content: entry.content,
    action: entry.action === 'unchanged' ? ('unchanged' as const) : entry.action === 'overwrite' ? ('overwrite' as const) : ('create' as const),
  }));
  return applyPlan(files, write);
}
