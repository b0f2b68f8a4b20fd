import { relative } from 'node:path';
import type { Io } from '../cli.js';
import { ExitError, UsageError } from '../errors.js';
import { loadConfig } from '../rules/config.js';
import { expandSpec, readSpec } from '../spec/bulk.js';
import { loadPresets } from '../spec/presets.js';
import { parseFlags } from './flags.js';
import { formatPlan, planBulk, writeBulk, type BulkPlan } from './bulk.js';

const HELP = `Usage: agentsmith bulk SPEC.yaml [--dry-run] [--force] [--json] [--check]

Renders every agent of a spec (matrix × defaults, plus explicit agents) and validates them all in
memory before writing anything. Any problem (an invalid agent, two agents with one name, a file
that exists without --force): nothing is written, every problem is listed, exit 1.

  --dry-run   print the plan (create / overwrite / unchanged / invalid) and write nothing
  --force     overwrite files that exist and differ
  --json      print a machine-readable report on stdout
  --check     drift check for CI: exit 1 listing every file that is missing or differs from the spec
`;

export async function bulkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags('bulk', argv, {
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, HELP);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`agentsmith bulk: give exactly one spec file.\n\n${HELP}`);
  const specFile = positionals[0] ?? '';
  const config = await loadConfig(process.cwd());
  const { spec, outDir } = readSpec(specFile);
  const env = { presets: await loadPresets(config.presets), config };
  const variants = expandSpec(spec);

  if (values.check) {
    const { driftReport } = await import('./drift.js');
    const drift = driftReport(variants, env, outDir);
    io.stdout(values.json ? `${JSON.stringify(drift.json)}\n` : drift.text);
    return drift.clean ? 0 : 1;
  }

  const progress = progressBar(variants.length, !values.json && Boolean(process.stderr.isTTY) && variants.length >= 50, io);
  const plan = planBulk(variants, env, outDir, values.force, progress.update);
  progress.done();
  const cwd = process.cwd();

  if (values['dry-run'] || plan.problems.length > 0) {
    io.stdout(values.json ? report(plan, cwd, false) : formatPlan(plan, cwd));
    if (plan.problems.length > 0) {
      if (!values.json) io.stderr(`Nothing was written: ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} (listed above).\n`);
      return 1;
    }
    return 0;
  }
  try {
    const result = writeBulk(plan);
    io.stdout(values.json ? report(plan, cwd, true) : `Wrote ${result.written.length} agent files, ${result.unchanged.length} unchanged, in ${relative(cwd, outDir) || '.'}.\n`);
  } catch (error) {
    if (error instanceof ExitError && values.json) io.stdout(report(plan, cwd, false, error.message));
    throw error;
  }
  return 0;
}

function report(plan: BulkPlan, cwd: string, written: boolean, error?: string): string {
  const files = plan.entries.map((entry) => ({
    origin: entry.origin,
    name: entry.name,
    path: entry.path ? relative(cwd, entry.path) : null,
    action: entry.problems.length > 0 ? 'invalid' : entry.action,
    problems: entry.problems,
  }));
  return `${JSON.stringify({ written, files, problems: plan.problems, ...(error ? { error } : {}) })}\n`;
}

/** A one-line bar on stderr, redrawn at most every 100 ms; nothing at all when off. */
function progressBar(total: number, on: boolean, io: Io) {
  let last = 0;
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} rendered and validated`);
  };
  return {
    update: on
      ? (done: number) => {
          const now = Date.now();
          if (now - last < 100 && done < total) return;
          last = now;
          draw(done);
        }
      : undefined,
    done: () => {
      if (on) io.stderr('\n');
    },
  };
}
