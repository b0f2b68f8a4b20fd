import { lstatSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../cli.js';
import { nearestAgentsFolder } from '../files/find-up.js';
import { AGENTS_FOLDER } from '../paths.js';
import { ChunkMemory } from '../report/chunks.js';
import { loadConfig } from '../rules/index.js';
import { parseFlags } from './flags.js';
import { flagsTakenByNpm, npmTookWords, npmValue, underOwnNpmScript } from './npm-flags.js';
import { shownPath, shownValue } from './text.js';
import { checkPaths, type CheckResult } from './check.js';

const HELP = `Usage: agentsmith check [paths…] [--format stylish|json|github|sarif] [--fix] [--spec SPEC.yaml]

Says what Claude Code does with each agent file (loaded, skipped, not an agent) and runs the rules.
Paths are files or folders (searched recursively for *.md); default: the nearest ${AGENTS_FOLDER}, in the
current folder or a folder above it, up to the repository root (the first folder holding .git).

  --format F, -f F  stylish (default), json, github (workflow annotations), sarif (2.1.0)
  --fix             rewrite files that load only through Claude Code's retry into strict YAML frontmatter
                    (nothing else changes; a literal \\n in a description becomes a real line break), and
                    files that mix CRLF and LF line endings into LF
  --spec FILE       also check drift: every file the bulk spec renders must exist and match (rule
                    drift/spec); give --spec once for each spec to check. With drift/spec off in the
                    config, the spec is still read (exit 2 if it cannot be used) and a note says so
  --help, -h        this help

Exit: 0 no errors, 1 errors found, 2 usage or I/O problem.
Config: the nearest agentsmith.config.yaml (or .yml, .json), looked for in the current folder and then
each folder above it, up to the repository root (the first folder holding .git).
`;

const FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags('check', argv, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    fix: { type: 'boolean', default: false },
    spec: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h', default: false },
  }, HELP, { values: { format: FORMATS.join(', '), spec: 'a bulk spec file, e.g. --spec agents.yaml' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  refuseFlagsTakenByNpm(positionals);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`agentsmith check: --format must be one of ${FORMATS.join(', ')}; got "${values.format}".`);
  }
  const blankSpec = values.spec?.find((spec) => spec.trim() === '');
  if (blankSpec !== undefined) {
    throw new UsageError(`agentsmith check --spec ${shownValue(blankSpec)}: the spec file name is empty; give a bulk spec file (e.g. --spec agents.yaml), or leave --spec out.`);
  }
  const config = await loadConfig(process.cwd());
  const paths = positionals.length > 0 ? positionals : [defaultFolder()];
  // Every spec is read and rendered before --fix changes a file: a spec that cannot be used stops the run
  // with the files as they were.
  const specs = onceEach(values.spec ?? []);
  const drift = specs.length > 0 ? await (await import('./check-drift.js')).prepareDrift(specs, config) : undefined;
  if (drift?.off) io.stderr(`${specOffNote(specs, config.source)}\n`);
  let fixUnwritten = 0;
  if (values.fix) {
    const [{ fixFiles }, { collectFiles }, { writeAtomic }] = await Promise.all([import('./fix.js'), import('../files/collect.js'), import('../files/write.js')]);
    const files = collectFiles(paths).files.map((file) => file.path);
    const { report, unwritten } = fixFiles(files, (path) => readFileSync(path, 'utf8'), writeAtomic);
    for (const line of report) io.stderr(`${shownPath(line)}\n`);
    // A fix that could not be written (a symbolic link, a read-only file, an I/O error) is an I/O problem.
    fixUnwritten = unwritten;
  }
  const result = await checkPaths(paths, config);
  // Each spec adds its drift to the same result, so a file off from any of them fails.
  drift?.addTo(result);
  for (const chunk of await reportChunks(format, result, new ChunkMemory(io.written))) {
    io.stdout(chunk);
    await io.drain?.();
  }
  // One line per path on stderr, whatever the rules say: stdout stays the report, and exit 2 has a reason.
  for (const problem of result.ioProblems) io.stderr(`agentsmith check: cannot read ${shownPath(problem.path)}: ${problem.message}.\n`);
  if (result.ioProblems.length > 0 || fixUnwritten > 0) return 2;
  return result.summary.errors > 0 ? 1 : 0;
}

/**
 * Said once on stderr when the config turns drift/spec off and --spec is given: the specs were read and
 * render (one that cannot be used stops the run, exit 2), but no drift is reported, which a CI line would
 * otherwise pass without saying. The exit status follows the other rules, as the config asks.
 */
function specOffNote(specs: string[], source: string | undefined): string {
  const shown = specs.join(', ');
  const config = source === undefined ? 'the config' : relative(process.cwd(), source) || source;
  return (
    `agentsmith check: note: --spec has no effect: ${config} turns the rule drift/spec off, so drift from ${shown} is not checked ` +
    `(the spec${specs.length > 1 ? 's were' : ' was'} read and rendered, but no variant was checked or compared with its file). ` +
    `To check drift, set drift/spec to warn or error in ${config}; otherwise drop --spec.`
  );
}

/** The specs given, a spec named twice (`a.yaml`, `./a.yaml`) once, under the first name given: its drift counts once. */
function onceEach(specs: string[]): string[] {
  const seen = new Set<string>();
  return specs.filter((spec) => {
    const path = resolve(spec);
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  });
}

/**
 * The folder checked when no path is given: the nearest .claude/agents from the user's folder upward, as
 * the config is found, so `cd src && agentsmith check` checks the project's agents. It is shown relative
 * to the user's folder (`../.claude/agents/a.md`). Its absence is a usage problem, not an unreadable file.
 */
function defaultFolder(): string {
  const here = process.cwd();
  const found = nearestAgentsFolder(here);
  if (found === undefined) {
    throw new UsageError(
      `agentsmith check: no ${AGENTS_FOLDER} in ${here} or a folder above it (up to the repository root); ` +
        'pass the files or folders to check (agentsmith check agents/ one.md).',
    );
  }
  return relative(here, found) || '.';
}

/** The report in the chosen format, produced a chunk at a time as the files are read from the results. */
async function reportChunks(format: Format, result: CheckResult, memory: ChunkMemory): Promise<Iterable<Uint8Array>> {
  switch (format) {
    case 'json':
      return (await import('../report/json.js')).jsonChunks(result, memory);
    case 'github':
      return (await import('../report/github.js')).githubChunks(result, memory);
    case 'sarif': {
      const { VERSION } = await import('../version.js');
      return (await import('../report/sarif.js')).sarifChunks(result, VERSION, memory);
    }
    default: {
      const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      return (await import('../report/stylish.js')).stylishChunks(result, { color }, memory);
    }
  }
}

/**
 * Without `--`, npm keeps some of our flags for itself: `npm run check --fix` checks and changes
 * nothing, `--spec a.yaml` hands us only "a.yaml", and `--format sarif` (npm reads it as its own
 * --format-package-lock, and exports nothing we can see) or `-f sarif` (--force) hand us only "sarif".
 * Refused before anything is read or written: a format's name given as a path that does not exist is
 * taken for such a flag, under npm or not.
 */
function refuseFlagsTakenByNpm(positionals: readonly string[]): void {
  const formatWord = positionals.find((word) => (FORMATS as readonly string[]).includes(word) && !pathExists(word));
  const taken = flagsTakenByNpm('check', ['fix', 'spec']);
  if (formatWord === undefined && taken.length === 0) return;
  if (!underOwnNpmScript('check')) {
    throw new UsageError(`agentsmith check: there is no file or folder "${formatWord}"; to choose the report format, write --format ${formatWord}.`);
  }
  const flags = [...(formatWord === undefined ? [] : [process.env.npm_config_force === 'true' ? '-f' : '--format']), ...taken.map((flag) => `--${flag}`)];
  const spec = npmValue('spec');
  const example = [...(formatWord === undefined ? [] : [`--format ${formatWord}`]), ...taken.map((flag) => (flag === 'spec' ? `--spec ${spec === undefined || spec === 'true' ? 'agents.yaml' : spec}` : `--${flag}`))];
  throw new UsageError(`agentsmith check: ${npmTookWords('check', flags, example.join(' '))}`);
}

function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
