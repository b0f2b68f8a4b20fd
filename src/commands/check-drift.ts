import { resolve } from 'node:path';
import { severityOf, type ResolvedConfig, type Severity } from '../rules/index.js';
import { summarize, type CheckResult } from './check.js';
import { specTargetCheck } from './bulk.js';
import { orphanEntries, specDrift, specTargets, treeOf, type DriftEntry, type Target } from './drift.js';
import { shellWord } from './text.js';

/** The specs of a `check --spec` run, read and rendered: what is left is comparing them with the files. */
export interface PreparedDrift {
  addTo: (result: CheckResult) => void;
  /** True when the config turns drift/spec off: the specs were read and rendered, and nothing is compared. */
  off: boolean;
}

/**
 * The `drift` part of `check --spec` (one or more specs): every file a spec renders must exist and match.
 * Each spec is read, expanded and rendered here, before anything else happens: a spec that cannot be read
 * or used (or a template that fails) stops the run before `--fix` changes a file. `addTo` then compares:
 * differences become `drift/spec` diagnostics on the files (missing files are added to the report), and so
 * does a variant whose name another agent file of the tree registers, checked or not (bulk refuses it); a
 * checked file in an output folder that no spec produces is an orphan (a warning). The summary is recounted.
 * With drift/spec off, the specs are still read and rendered (a spec the user named that cannot be used is
 * refused whatever the rule's severity), and `addTo` adds nothing: the caller says so (`off`).
 */
export async function prepareDrift(specFiles: string[], config: ResolvedConfig): Promise<PreparedDrift> {
  const severity = severityOf('drift/spec', config);
  const [{ readSpec, expandSpec }, { loadPresets }] = await Promise.all([import('../spec/bulk.js'), import('../spec/presets.js')]);
  const env = { presets: await loadPresets(config.presets), config };
  const specs = specFiles.map((specFile) => {
    const { spec, outDir, at } = readSpec(specFile);
    const { targets, paths } = specTargets(expandSpec(spec, at), env, outDir);
    // The client loads every file under .claude/agents, checked or not: a variant whose name another file
    // there registers is invalid, as bulk --check says (the tree is read at the first question, in addTo).
    const tree = treeOf(targets, outDir);
    const specTarget = specTargetCheck(specFile);
    const clash = (name: string, path: string): string | undefined => specTarget(path) ?? tree.clash(name, path);
    return { specFile, outDir, targets, paths, clash };
  });
  if (!severity) return { addTo: () => {}, off: true };
  return { addTo: (result) => addDrift(specs, result, severity), off: false };
}

interface PreparedSpec {
  specFile: string;
  outDir: string;
  targets: Target[];
  paths: Set<string>;
  clash: (name: string, path: string) => string | undefined;
}

function addDrift(specs: PreparedSpec[], result: CheckResult, severity: Severity): void {
  const byPath = new Map(Array.from({ length: result.files.length }, (_, index) => [resolve(result.files.pathAt(index)), index]));
  // The check has read every file it reports: an orphan is one of them that is an agent to the client. A
  // file outside the checked paths is left to the check of its own folder.
  const isAgent = (path: string): boolean => {
    const index = byPath.get(resolve(path));
    return index !== undefined && result.files.verdictAt(index) !== 'not-an-agent';
  };
  const add = (entry: DriftEntry, message: string): void => {
    // An orphan may be a hand-written agent sharing the folder: a warning, whatever drift/spec's severity.
    const diagnostic = { rule: 'drift/spec', severity: entry.status === 'orphan' ? ('warning' as const) : severity, message, line: entry.line ?? 1, column: 1 };
    const existing = byPath.get(resolve(entry.path));
    if (existing !== undefined) result.files.add(existing, diagnostic);
    else if (entry.status !== 'orphan') result.files.push({ path: entry.path, verdict: 'not-an-agent', name: null, reason: entry.status, diagnostics: [diagnostic] });
  };
  // Specs may share an output folder: each folder's orphans are the files none of its specs produces.
  const folders = new Map<string, { specs: string[]; targets: Set<string> }>();
  for (const { specFile, outDir, targets, paths, clash } of specs) {
    for (const entry of specDrift(targets, clash)) if (entry.status !== 'in-sync') add(entry, driftMessage(entry, [specFile]));
    const folder = folders.get(outDir) ?? { specs: [], targets: new Set<string>() };
    folder.specs.push(specFile);
    for (const target of paths) folder.targets.add(target);
    folders.set(outDir, folder);
  }
  for (const [outDir, { specs, targets }] of folders) for (const orphan of orphanEntries(outDir, targets, isAgent)) add(orphan, driftMessage(orphan, specs));
  result.summary = summarize(result.files);
}

/** The drift/spec message for one file, with the command that fixes it (an orphan names every spec given). */
function driftMessage(entry: DriftEntry, specFiles: string[]): string {
  const specFile = specFiles.join(', ');
  switch (entry.status) {
    case 'orphan':
      return `${entry.path} is not produced by ${specFiles.length > 1 ? 'any of the specs' : 'the spec'} ${specFile}; if a spec made it once, remove it (Claude Code still reads it as an agent).`;
    case 'missing':
      return `${entry.path} is missing: the spec ${specFile} renders it; run "agentsmith bulk ${shellWord(specFile)}".`;
    case 'invalid':
      return `the spec ${specFile} renders an invalid agent for ${entry.path}: ${entry.diff.join('; ')}`;
    default:
      return `${entry.path} differs from what ${specFile} renders now (${(entry.diff.length > 1 ? entry.diff.slice(1, 3) : entry.diff).join(' / ')}); run "agentsmith bulk ${shellWord(specFile)} --force".`;
  }
}
