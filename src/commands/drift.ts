import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ExitError } from '../errors.js';
import { firstDifference, shortDiff } from '../files/diff.js';
import { codeOf, describe, statOf } from '../files/errors.js';
import { targetPath } from '../files/write.js';
import { renderAgent, type RenderEnv } from '../render/render.js';
import type { Variant } from '../spec/bulk.js';
import { severityOf, type ResolvedConfig } from '../rules/index.js';
import { summarize, type CheckResult } from './check.js';
import { formatDiagnostic, plural } from './text.js';

export interface DriftEntry {
  path: string;
  name: string;
  /** `orphan`: an agent file in the output folder that the spec does not produce (a warning, never removed). */
  status: 'in-sync' | 'missing' | 'differs' | 'invalid' | 'orphan';
  diff: string[];
  /** For `differs`: the first line (1-based) of the file on disk that differs from what the spec renders. */
  line?: number;
}

/** Compares what the spec renders now with the files on disk, and lists the files it no longer produces. */
export function driftReport(variants: Variant[], env: RenderEnv, outDir: string, specFile: string) {
  const cwd = process.cwd();
  const shownPath = (path: string) => relative(cwd, path) || path;
  const targets = new Set<string>();
  const entries: DriftEntry[] = variants.map((variant) => {
    const rendered = renderAgent(variant.answers, env);
    if (rendered.errors.length > 0) {
      return { path: variant.origin, name: rendered.name, status: 'invalid', diff: rendered.errors.map((d) => formatDiagnostic(d)) };
    }
    const path = targetPath(outDir, rendered.fileName);
    targets.add(path);
    const shown = shownPath(path);
    const stat = statOf(path);
    if (stat instanceof Error) {
      return { path: shown, name: rendered.name, status: 'differs', diff: [`${shown} cannot be read (${describe(stat)}), so it is not the agent file the spec renders; remove it and run bulk.`] };
    }
    if (!stat) return { path: shown, name: rendered.name, status: 'missing', diff: [] };
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a folder' : 'not a regular file';
      return { path: shown, name: rendered.name, status: 'differs', diff: [`${shown} is ${what}, not the agent file the spec renders; move it.`] };
    }
    const current = readTarget(path, shown);
    if (current === rendered.content) return { path: shown, name: rendered.name, status: 'in-sync', diff: [] };
    return { path: shown, name: rendered.name, status: 'differs', diff: shortDiff(current, rendered.content), line: firstDifference(current, rendered.content) };
  });
  const orphans: DriftEntry[] = orphanFiles(outDir, targets).map((path) => ({
    path: shownPath(path),
    name: basename(path, '.md'),
    status: 'orphan',
    diff: [],
  }));
  const drifted = entries.filter((entry) => entry.status !== 'in-sync');
  const lines = [...drifted, ...orphans].flatMap((entry) => [`${entry.status.padEnd(8)} ${entry.path}`, ...entry.diff.map((line) => `    ${line}`)]);
  lines.push(
    drifted.length === 0
      ? `All ${entries.length} agent files are in sync with the spec.`
      : `${drifted.length} of ${entries.length} agent files are out of sync with the spec; run "agentsmith bulk ${specFile} --force" to regenerate them.`,
  );
  if (orphans.length > 0) {
    lines.push(
      `Warning: ${plural(orphans.length, 'agent file')} in ${shownPath(outDir)} ${orphans.length === 1 ? 'is' : 'are'} not produced by ${specFile} (orphan above); ` +
        'if the spec made them once, remove them: Claude Code still loads them. Nothing was deleted.',
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

/** The `.md` files directly in the output folder (where bulk writes) that no variant renders to. */
function orphanFiles(outDir: string, targets: Set<string>): string[] {
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
    .filter((path) => !targets.has(path));
}

/**
 * The `drift` part of `check --spec` (one or more specs): every file a spec renders must exist and match.
 * Differences become `drift/spec` diagnostics on the files (missing files are added to the report); a
 * checked file in an output folder that no spec produces is an orphan (a warning). The summary is recounted.
 */
export async function addDrift(specFiles: string[], result: CheckResult, config: ResolvedConfig): Promise<void> {
  const severity = severityOf('drift/spec', config);
  if (!severity) return;
  const [{ readSpec, expandSpec }, { loadPresets }] = await Promise.all([import('../spec/bulk.js'), import('../spec/presets.js')]);
  const env = { presets: await loadPresets(config.presets), config };
  const reports = specFiles.map((specFile) => {
    const { spec, outDir, at } = readSpec(specFile);
    return { specFile, entries: driftReport(expandSpec(spec, at), env, outDir, specFile).entries };
  });
  // Specs may share an output folder: a file is an orphan only when none of them produces it (said once).
  const produced = new Set(reports.flatMap(({ entries }) => entries.filter((entry) => entry.status !== 'orphan').map((entry) => resolve(entry.path))));
  const orphans = new Set<string>();
  const byPath = new Map(Array.from({ length: result.files.length }, (_, index) => [resolve(result.files.pathAt(index)), index]));
  for (const { specFile, entries } of reports) {
    for (const entry of entries) {
      if (entry.status === 'in-sync') continue;
      const path = resolve(entry.path);
      if (entry.status === 'orphan' && (produced.has(path) || orphans.has(path))) continue;
      if (entry.status === 'orphan') orphans.add(path);
      const message = driftMessage(entry, entry.status === 'orphan' ? specFiles : [specFile]);
      // An orphan may be a hand-written agent sharing the folder: a warning, whatever drift/spec's severity.
      const diagnostic = { rule: 'drift/spec', severity: entry.status === 'orphan' ? ('warning' as const) : severity, message, line: entry.line ?? 1, column: 1 };
      const existing = byPath.get(path);
      if (existing !== undefined) result.files.add(existing, diagnostic);
      // An orphan outside the checked paths is left to the check of its own folder (its verdict is unknown here).
      else if (entry.status !== 'orphan') result.files.push({ path: entry.path, verdict: 'not-an-agent', name: null, reason: entry.status, diagnostics: [diagnostic] });
    }
  }
  result.summary = summarize(result.files);
}

/** The drift/spec message for one file, with the command that fixes it (an orphan names every spec given). */
function driftMessage(entry: DriftEntry, specFiles: string[]): string {
  const specFile = specFiles.join(', ');
  switch (entry.status) {
    case 'orphan':
      return `${entry.path} is not produced by ${specFiles.length > 1 ? 'any of the specs' : 'the spec'} ${specFile}; if a spec made it once, remove it (Claude Code still loads it).`;
    case 'missing':
      return `${entry.path} is missing: the spec ${specFile} renders it; run "agentsmith bulk ${specFile}".`;
    case 'invalid':
      return `the spec ${specFile} renders an invalid agent for ${entry.path}: ${entry.diff.join('; ')}`;
    default:
      return `${entry.path} differs from what ${specFile} renders now (${(entry.diff.length > 1 ? entry.diff.slice(1, 3) : entry.diff).join(' / ')}); run "agentsmith bulk ${specFile} --force".`;
  }
}
