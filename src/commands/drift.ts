import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { shortDiff } from '../files/diff.js';
import { targetPath } from '../files/write.js';
import { renderAgent, type RenderEnv } from '../render/render.js';
import type { Variant } from '../spec/bulk.js';

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
