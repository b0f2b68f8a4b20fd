import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { shortDiff } from '../files/diff.js';
import { targetPath } from '../files/write.js';
import { renderAgent, type RenderEnv } from '../render/render.js';
import type { Variant } from '../spec/bulk.js';
import { severityOf, type ResolvedConfig } from '../rules/index.js';
import { summarize, type CheckResult } from './check.js';

export interface DriftEntry {
  path: string;
  name: string;
  status: 'in-sync' | 'missing' | 'differs' | 'invalid';
  diff: string[];
}

/** Compares what the spec renders now with the files on disk. */
export function driftReport(variants: Variant[], env: RenderEnv, outDir: string) {
  const cwd = process.cwd();
  const entries: DriftEntry[] = variants.map((variant) => {
    const rendered = renderAgent(variant.answers, env);
    if (rendered.errors.length > 0) {
      return { path: variant.origin, name: rendered.name, status: 'invalid', diff: rendered.errors.map((d) => `${d.rule}: ${d.message}`) };
    }
    const path = targetPath(outDir, rendered.fileName);
    const shown = relative(cwd, path) || path;
    if (!existsSync(path)) return { path: shown, name: rendered.name, status: 'missing', diff: [] };
    const current = readFileSync(path, 'utf8');
    if (current === rendered.content) return { path: shown, name: rendered.name, status: 'in-sync', diff: [] };
    return { path: shown, name: rendered.name, status: 'differs', diff: shortDiff(current, rendered.content) };
  });
  const drifted = entries.filter((entry) => entry.status !== 'in-sync');
  const lines = drifted.flatMap((entry) => [`${entry.status.padEnd(8)} ${entry.path}`, ...entry.diff.map((line) => `    ${line}`)]);
  lines.push(
    drifted.length === 0
      ? `All ${entries.length} agent files are in sync with the spec.`
      : `${drifted.length} of ${entries.length} agent files are out of sync with the spec; run "agentsmith bulk SPEC --force" to regenerate them.`,
  );
  return {
    clean: drifted.length === 0,
    entries,
    text: `${lines.join('\n')}\n`,
    json: { clean: drifted.length === 0, files: entries },
  };
}

/**
 * The `drift` part of `check --spec`: every file the spec renders must exist and match. Differences become
 * `drift/spec` diagnostics on the files (missing files are added to the report), and the summary is recounted.
 */
export async function addDrift(specFile: string, result: CheckResult, config: ResolvedConfig): Promise<void> {
  const severity = severityOf('drift/spec', config);
  if (!severity) return;
  const [{ readSpec, expandSpec }, { loadPresets }] = await Promise.all([import('../spec/bulk.js'), import('../spec/presets.js')]);
  const { spec, outDir } = readSpec(specFile);
  const report = driftReport(expandSpec(spec), { presets: await loadPresets(config.presets), config }, outDir);
  const byPath = new Map(Array.from({ length: result.files.length }, (_, index) => [resolve(result.files.pathAt(index)), index]));
  for (const entry of report.entries) {
    if (entry.status === 'in-sync') continue;
    const message =
      entry.status === 'missing'
        ? `${entry.path} is missing: the spec ${specFile} renders it; run "agentsmith bulk ${specFile}".`
        : entry.status === 'invalid'
          ? `the spec ${specFile} renders an invalid agent for ${entry.path}: ${entry.diff.join('; ')}`
          : `${entry.path} differs from what ${specFile} renders now (${entry.diff.slice(1, 3).join(' / ')}); run "agentsmith bulk ${specFile} --force".`;
    const diagnostic = { rule: 'drift/spec', severity, message, line: 1, column: 1 };
    const existing = byPath.get(resolve(entry.path));
    if (existing !== undefined) result.files.add(existing, diagnostic);
    else result.files.push({ path: entry.path, verdict: 'not-an-agent', name: null, reason: entry.status, diagnostics: [diagnostic] });
  }
  result.summary = summarize(result.files);
}
