import { relative } from 'node:path';
import type { Io } from '../cli.js';
import { ExitError, UsageError } from '../errors.js';
import { holdSignals, signalExit } from '../files/signals.js';
import { removeStaleTemps } from '../files/temp-files.js';
import { loadConfig } from '../rules/config.js';
import { expandSpec, readSpec, type Variant } from '../spec/bulk.js';
import { loadPresets } from '../spec/presets.js';
import { parseFlags } from './flags.js';
import { planBulk, writeBulk } from './bulk.js';
import { formatPlan, formatWarnings, report } from './bulk-report.js';
import { plural } from './text.js';

const HELP = `Usage: agentsmith bulk SPEC.yaml [--dry-run] [--force] [--json] [--check]

Renders every agent of a spec (matrix × defaults, plus explicit agents) and validates them all in
memory before writing anything. Any problem (an invalid agent, two agents with one name, a file
that exists without --force): nothing is written, every problem is listed, exit 1.

  --dry-run   print the plan (create / overwrite / unchanged / invalid) and write nothing
  --force     overwrite files that exist and differ
  --json      print a machine-readable report on stdout; when the spec itself is wrong, the report is
              {"written": false, "error": "<message>", "files": [], "problems": []} (with --check:
              {"clean": false, "error": "<message>", "files": []}), and the exit code says why
  --check     drift check for CI: exit 1 listing every file that is missing or differs from the spec,
              and every agent bulk would refuse (invalid, such as a name another agent file registers);
              files in the output folder that the spec does not produce are listed as orphans (a warning).
              It writes nothing, so --force and --dry-run are refused with it (exit 2)

Files written with rule warnings are listed after the run (the files load; the run succeeds).
A replaced file keeps its mode; a read-only file is not replaced (a problem of the plan, even with
--force); a symbolic link in the output folder is replaced by a plain file (bulk never writes outside
its output folder). A write that fails, or Ctrl-C / SIGTERM during the write, rolls the whole run back.

Exit status: 0 written; 1 problems found, nothing written (or drift, with --check); 2 bad flags, a spec
that cannot be read or used, or a write that failed (rolled back); 130 / 143 interrupted (rolled back).
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
  if (values.check) refuseWithCheck(values);
  if (positionals.length !== 1) throw new UsageError(`agentsmith bulk: give exactly one spec file.\n\n${HELP}`);
  const specFile = positionals[0] ?? '';
  const config = await loadConfig(process.cwd());
  const { variants, outDir } = specOrJsonError(specFile, values.json, values.check, io);
  const env = { presets: await loadPresets(config.presets), config };

  if (values.check) {
    const { driftReport } = await import('./drift.js');
    const drift = driftReport(variants, env, outDir, specFile);
    io.stdout(values.json ? `${JSON.stringify(drift.json)}\n` : drift.text);
    return drift.clean ? 0 : 1;
  }

  const progress = progressBar(variants.length, !values.json && Boolean(process.stderr.isTTY) && variants.length >= 50, io);
  const plan = planBulk(variants, env, outDir, values.force, progress.update, specFile);
  progress.done();
  const cwd = process.cwd();

  if (values['dry-run'] || plan.problems.length > 0) {
    io.stdout(values.json ? report(plan, cwd, false) : formatPlan(plan, cwd));
    if (plan.problems.length > 0) {
      if (!values.json) io.stderr(`agentsmith bulk: nothing was written: ${plural(plan.problems.length, 'problem')} (listed above).\n`);
      return 1;
    }
    return 0;
  }
  // Said as a place: "the current folder" rather than ".", and ".." as "the parent folder".
  const where = relative(cwd, outDir) || 'the current folder';
  const signals = holdSignals();
  try {
    const stale = removeStaleTemps(outDir);
    if (stale.length > 0) {
      io.stderr(`agentsmith bulk: removed ${plural(stale.length, 'temp file')} that an interrupted run left in ${where}: ${stale.map((path) => relative(outDir, path)).join(', ')}.\n`);
    }
    const result = writeBulk(plan);
    const signal = await signals.settle();
    if (signal) {
      const failures = result.undo();
      const outcome = failures.length > 0 ? `could not restore ${failures.join(', ')}` : `nothing was changed in ${where}`;
      throw new ExitError(`agentsmith bulk: interrupted (${signal}); the run was rolled back: ${outcome}.`, signalExit(signal));
    }
    io.stdout(
      values.json
        ? report(plan, cwd, true)
        : `Wrote ${plural(result.written.length, 'agent file')}, ${result.unchanged.length} unchanged, in ${where === '..' ? 'the parent folder (..)' : where}.\n${formatWarnings(plan, cwd, outDir)}`,
    );
  } catch (error) {
    if (error instanceof ExitError && values.json) io.stdout(report(plan, cwd, false, error.message));
    throw error;
  } finally {
    signals.release();
  }
  return 0;
}

/**
 * --check writes nothing: --force or --dry-run beside it would change nothing, which a CI line such as
 * `bulk --check --force` most likely did not mean (it only checks, where a regeneration was likely meant).
 */
function refuseWithCheck(values: { force: boolean; 'dry-run': boolean }): void {
  const idle = [values.force && '--force', values['dry-run'] && '--dry-run'].filter((flag): flag is string => flag !== false);
  if (idle.length === 0) return;
  const what = idle.join(' and ');
  const instead = values.force ? ' (to regenerate the files, run bulk with --force and without --check)' : '';
  throw new UsageError(`agentsmith bulk: --check writes nothing and only compares, so ${what} ${idle.length > 1 ? 'have' : 'has'} no effect with it. Drop ${what}${instead}.`);
}

/**
 * Reads and expands the spec. With --json, a spec that cannot be used still gives a JSON report on stdout
 * (a script reading it must not find nothing there); the error goes to stderr and sets the exit code as usual.
 */
function specOrJsonError(specFile: string, json: boolean, check: boolean, io: Io): { variants: Variant[]; outDir: string } {
  try {
    const { spec, outDir, at } = readSpec(specFile);
    return { variants: expandSpec(spec, at), outDir };
  } catch (error) {
    if (json && error instanceof ExitError) {
      const body = check ? { clean: false, error: error.message, files: [] } : { written: false, error: error.message, files: [], problems: [] };
      io.stdout(`${JSON.stringify(body)}\n`);
    }
    throw error;
  }
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
