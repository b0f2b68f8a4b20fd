import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Io } from '../cli.js';
import { ExitError, UsageError } from '../errors.js';
import { collectFiles } from '../files/collect.js';
import { describeAt } from '../files/errors.js';
import { firstBadByte } from '../files/read-regular.js';
import { opensFrontmatter, parseAgentBytes } from '../parser/index.js';
import { loadConfig } from '../rules/config.js';
import { starHint } from '../rules/load-rules.js';
import { loadPresets } from '../spec/presets.js';
import { parseFlags } from './flags.js';
import { importAgent } from './import.js';
import { plural, shownPath } from './text.js';
import { checkOutNotInput, duplicateNames, importOutDir, refuseSpecTarget, renamedOriginals, specOut, specText, writeSpec, type ImportedFile } from './import-files.js';

const HELP = `Usage: agentsmith import FILE|FOLDER… [--out SPEC.yaml] [--force]

Reads existing agent files (anything Claude Code loads, strict or recovered; folders are searched for
*.md files recursively, like check) and prints a bulk spec whose agents render them again in the house
structure, keeping every sentence: recognized sections map to the house sections, everything else is
kept verbatim, in order.

  --out FILE   write the spec to FILE instead of stdout (refuses to overwrite without --force, and
               refuses, even with --force, a FILE that is one of the agents imported)
  --force      overwrite --out (only with --out: without it the spec is printed, and --force is refused)

Through npm, use --out (or "npm run -s import"): npm prints its own banner on stdout, which would end up
in a redirected spec. The spec's out is the agents folder the files came from (else the project's
.claude/agents), relative to the spec. Bulk writes each agent as <out>/<name>.md: originals under
another path are listed on stderr; move them out of the agents folder before running bulk (it refuses
a name another file still registers, and Claude Code would load both).

Exit status: 0 spec written (or printed); 1 some files skipped because Claude Code does not load them
or they are not UTF-8 (each named on stderr; the spec of the others is still written), nothing to
import, or --out exists without --force; 2 bad flags, a path that cannot be read (nothing is
imported), or the spec cannot be written.
`;

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(
    'import',
    argv,
    { out: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    HELP,
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`agentsmith import: give at least one agent file or folder.\n\n${HELP}`);
  if (values.force && values.out === undefined) {
    throw new UsageError('agentsmith import: --force overwrites the file given with --out, and there is none (the spec is printed on stdout); add --out FILE, or drop --force.');
  }
  if (values.out !== undefined && values.out.trim() === '') {
    throw new UsageError('agentsmith import --out "": the spec file name is empty; give a file (e.g. --out agents.yaml), or leave --out out to print the spec.');
  }
  const config = await loadConfig(process.cwd());
  const presets = await loadPresets(config.presets);
  const { files, problems, repeats } = collectFiles(positionals);
  if (problems.length > 0) {
    // A path that cannot be read is an I/O problem (exit 2, as check): nothing is imported, so a rerun
    // after fixing the path gives the whole spec.
    const lines = problems.map((problem) => `  ${shownPath(problem.path)}: ${problem.message}`);
    throw new ExitError(`agentsmith import: cannot read ${plural(problems.length, 'path')}; nothing was imported:\n${lines.join('\n')}`, 2);
  }
  if (values.out !== undefined) {
    checkOutNotInput(values.out, files.map((file) => file.path));
    refuseSpecTarget(values.out, values.force);
  }
  let failed = 0;
  for (const { path, first } of repeats) io.stderr(`agentsmith import: warning: ${shownPath(path)} is given more than once${first === path ? '' : ` (also as ${shownPath(first)})`}; imported once.\n`);

  const agents: ImportedFile[] = [];
  let references = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      throw new ExitError(`agentsmith import: cannot read ${shownPath(file.path)}: ${describeAt(file.path, error)}; nothing was imported.`, 2);
    }
    const doc = parseAgentBytes(bytes, file.path);
    if (doc.verdict.kind === 'not-an-agent' && file.fromFolder) {
      // A folder may hold reference documents beside its agents (the client ignores them too). A file that
      // opens a frontmatter block, or is over 1 MiB, was meant as an agent: it is named, with the reason.
      if (doc.tooLarge || opensFrontmatterBytes(bytes)) {
        io.stderr(`agentsmith import: ${shownPath(file.path)}: left out: Claude Code does not take it for an agent (${shownPath(doc.verdict.reason)}); "agentsmith check" explains.\n`);
      } else references++;
      continue;
    }
    if (doc.verdict.kind !== 'loaded') {
      // A fix we know of for the YAML error, where it is (the reason stays the client's words).
      const hint = doc.verdict.kind === 'skipped' && doc.yamlError ? starHint(doc) : undefined;
      const fix = hint && doc.yamlErrorAt ? ` Fix it first: on line ${doc.yamlErrorAt.line}, ${hint};` : ' Fix it first;';
      io.stderr(`agentsmith import: ${shownPath(file.path)}: not imported: Claude Code does not load it (${doc.verdict.kind}: ${shownPath(doc.verdict.reason)}).${fix} "agentsmith check" explains.\n`);
      failed++;
      continue;
    }
    const bad = firstBadByte(bytes);
    if (bad !== undefined) {
      // The client reads such bytes as U+FFFD; a spec of that text would write U+FFFD into the agent for good.
      io.stderr(
        `agentsmith import: ${shownPath(file.path)}: not imported: not valid UTF-8 (first bad byte at ${bad}); the spec would hold U+FFFD where those bytes are, ` +
          'and bulk would write that into the agent. Save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), then import it again.\n',
      );
      failed++;
      continue;
    }
    const { answers, notes, warnings } = importAgent(doc, presets);
    for (const { line, message } of warnings) io.stderr(`agentsmith import: warning: ${shownPath(file.path)}${line === undefined ? '' : `:${line}`}: ${message}\n`);
    const comment = [` from ${file.path}${doc.readMode === 'recovered' ? ' (recovered frontmatter, now strict)' : ''}`, ...notes.map((n) => ` ${n}`)].join('\n');
    agents.push({ path: file.path, registeredName: doc.verdict.registeredName, answers, comment });
  }
  if (references > 0) io.stderr(`agentsmith import: ${plural(references, 'file')} in the folders given ${references === 1 ? 'is' : 'are'} not an agent (no frontmatter block) and left out.\n`);
  if (agents.length === 0) throw new ExitError('agentsmith import: nothing was imported.', 1);
  const cwd = process.cwd();
  const outDir = importOutDir(positionals, cwd);
  for (const line of [...duplicateNames(agents), ...renamedOriginals(agents, outDir)]) io.stderr(`${/^(warning|note): /.test(line) ? `agentsmith import: ${shownPath(line)}` : shownPath(line)}\n`);

  const text = specText(agents, specOut(outDir, values.out ? dirname(resolve(values.out)) : cwd));
  if (values.out) {
    await writeSpec(values.out, text, values.force, io.stderr);
    io.stderr(`Wrote ${shownPath(values.out)} (${plural(agents.length, 'agent')}).\n`);
  } else io.stdout(text);
  return failed > 0 ? 1 : 0;
}

/** Whether a file's bytes open a frontmatter block as the client reads it (its first line, decoded). */
function opensFrontmatterBytes(bytes: Buffer): boolean {
  const end = bytes.indexOf(0x0a);
  return end >= 0 && opensFrontmatter(bytes.toString('utf8', 0, end + 1));
}
