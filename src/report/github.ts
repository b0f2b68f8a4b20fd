import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CheckResult } from '../commands/check.js';
import { plural } from '../commands/text.js';
import { findUp } from '../files/find-up.js';
import { inChunks, type ChunkMemory } from './chunks.js';

/**
 * The folder CI paths are written from: the repository root (the first folder holding `.git`, from the
 * current folder up), else the current folder. GitHub reads a relative path in an annotation or a SARIF
 * location from the repository root, so `cd src && agentsmith check` must not write `../.claude/agents/a.md`.
 */
export function pathBase(cwd: string = process.cwd()): string {
  return findUp(cwd, (folder) => (existsSync(join(folder, '.git')) ? folder : undefined)) ?? resolve(cwd);
}

/**
 * `path` relative to `base`, its segments joined by `/` (a `\` in a POSIX file name is part of the name,
 * not a separator), or undefined when it is not inside `base`.
 */
export function fromBase(base: string, path: string): string | undefined {
  const rel = relative(base, resolve(path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

// The runner's own escapes (actions/runner ActionCommand.cs): it unescapes %25 last, so a `%` in a name
// or message comes back as it was.
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function* lines(result: CheckResult): Generator<string> {
  const base = pathBase();
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    // Outside the repository, the absolute path: the runner makes one inside its workspace relative itself.
    const path = escapeProperty(fromBase(base, file.path) ?? resolve(file.path));
    for (const d of file.diagnostics) {
      const command = d.severity === 'error' ? 'error' : 'warning';
      const props = `file=${path},line=${d.line},col=${d.column},title=${escapeProperty(`agentsmith ${d.rule}`)}`;
      yield `::${command} ${props}::${escapeData(d.message)}\n`;
    }
  }
  const { files, errors, warnings } = result.summary;
  yield `agentsmith: ${plural(files, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
  // GitHub shows a step's first 10 error and 10 warning annotations (50 in a job) and drops the rest
  // without a word: say so where the annotations are read.
  if (errors > ANNOTATIONS_SHOWN || warnings > ANNOTATIONS_SHOWN) {
    const notice = `GitHub shows 10 error and 10 warning annotations per step; this check found ${plural(errors, 'error')} and ${plural(warnings, 'warning')}, all listed in the step's log. For every one in the pull request, upload agentsmith check --format sarif to code scanning.`;
    yield `::notice title=${escapeProperty('agentsmith check')}::${escapeData(notice)}\n`;
  }
}

/** Annotations of each kind GitHub shows for one step (its documented limits; 50 in all per job). */
const ANNOTATIONS_SHOWN = 10;

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export const githubChunks = (result: CheckResult, memory?: ChunkMemory): Generator<Uint8Array> => inChunks(lines(result), memory);
