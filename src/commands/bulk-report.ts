// How a bulk plan is shown: the plan file by file, the --json report, the rule warnings of a run.
import { relative } from 'node:path';
import { statusOf, type BulkPlan } from './bulk.js';
import { plural, shellWord } from './text.js';

/** The plan, one file a line with its problems, then the counts (--dry-run, or a plan with problems). */
export function formatPlan(plan: BulkPlan, cwd: string): string {
  const lines = plan.entries.map((entry) => {
    // An invalid variant says which spec entry made it: its file name alone does not point at the spec.
    const source = `${entry.origin}${entry.where === undefined ? '' : `, ${entry.where}`}`;
    const where = entry.path ? relative(cwd, entry.path) || entry.path : `(${source})`;
    const from = entry.path && statusOf(entry) === 'invalid' ? [`          from ${source}`] : [];
    return [`${statusOf(entry).padEnd(9)} ${where}`, ...from, ...entry.problems.map((p) => `          - ${p}`)].join('\n');
  });
  const count = (status: string) => plan.entries.filter((entry) => statusOf(entry) === status).length;
  const exists = count('exists');
  lines.push(
    `\n${plural(plan.entries.length, 'agent')}: ${count('create')} to create, ${count('overwrite')} to overwrite, ${count('unchanged')} unchanged, ` +
      `${exists > 0 ? `${exists} ${exists === 1 ? 'exists' : 'exist'} (pass --force to overwrite), ` : ''}${count('invalid')} invalid.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Most files with rule warnings that the summary lists one by one; `agentsmith check` shows them all. */
const WARNING_FILES_SHOWN = 10;

/**
 * A short account of the rule warnings of the files a run writes: they do not stop the run (the files
 * load), but the user should hear of them. Empty when there are none.
 */
export function formatWarnings(plan: BulkPlan, cwd: string, outDir: string): string {
  // Only the files this run writes: an unchanged file was reported when it was written.
  const warned = plan.entries.filter((entry) => entry.action !== 'unchanged' && entry.warnings.length > 0);
  if (warned.length === 0) return '';
  const lines = [`${plural(warned.length, 'file')} ${warned.length === 1 ? 'has' : 'have'} rule warnings (written anyway: the files load):`];
  for (const entry of warned.slice(0, WARNING_FILES_SHOWN)) {
    lines.push(`  ${relative(cwd, entry.path) || entry.path}`, ...entry.warnings.map((warning) => `    - ${warning}`));
  }
  if (warned.length > WARNING_FILES_SHOWN) lines.push(`  … and ${warned.length - WARNING_FILES_SHOWN} more files.`);
  lines.push(`Run "agentsmith check ${shellWord(relative(cwd, outDir) || '.')}" for every warning with its line.`);
  return `${lines.join('\n')}\n`;
}

/** The --json report of a plan, written or not (`error`: why a write failed). */
export function report(plan: BulkPlan, cwd: string, written: boolean, error?: string): string {
  const files = plan.entries.map((entry) => ({
    origin: entry.origin,
    name: entry.name,
    path: entry.path ? relative(cwd, entry.path) : null,
    action: statusOf(entry),
    problems: entry.problems,
    warnings: entry.warnings,
  }));
  return `${JSON.stringify({ written, files, problems: plan.problems, ...(error ? { error } : {}) })}\n`;
}
