import { FileReader } from '../files/read.js';
import { ReadAhead, readAheadFor } from '../files/read-ahead.js';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import { folderEnd } from '../files/agent-scopes.js';
import { parseAgentBytes } from '../parser/index.js';
import { severityOf, validate, type Diagnostic, type ResolvedConfig } from '../rules/index.js';
import { collectFiles, type Collected } from '../files/collect.js';
import { describeAt } from '../files/errors.js';
import { FileResults, type CheckedFile } from './results.js';

export type { CheckedFile, FileResult } from './results.js';

export interface CheckResult {
  /** Every file in the order its path was found, read one at a time (see FileResults). */
  files: FileResults;
  summary: { files: number; errors: number; warnings: number };
  /**
   * The paths that could not be read, with why (exit code 2). The CLI says each on stderr whatever the
   * rule config: with file/unreadable off, the report alone would not explain the exit code.
   */
  ioProblems: IoProblem[];
}

export interface IoProblem {
  path: string;
  message: string;
}

/** Decodes and parses one file's bytes, and runs the rules; never throws. */
export function checkBytes(path: string, bytes: Buffer, config: ResolvedConfig, fromFolder: boolean): CheckedFile {
  const doc = parseAgentBytes(bytes, path);
  if (doc.tooLarge) return unreadable(path, doc.verdict.kind === 'loaded' ? '' : doc.verdict.reason, config);
  const stem = stemOf(path);
  const diagnostics = validate(doc, {
    config,
    fileStem: stem,
    inAgentsFolder: fromFolder || path.split(sep).includes('agents'),
  });
  const encoding = encodingProblem(bytes, config);
  if (encoding) {
    diagnostics.push(encoding);
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  const { verdict } = doc;
  // The store keeps copies of the strings: nothing here keeps the file's text alive.
  return {
    path,
    verdict: verdict.kind,
    name: verdict.kind === 'loaded' ? verdict.name : null,
    reason: verdict.kind === 'loaded' ? null : verdict.reason,
    diagnostics,
    ...nameAt(doc.fields),
    ...(verdict.kind === 'loaded' ? { registeredName: verdict.registeredName } : {}),
  };
}

/**
 * A file's name without `.md` in any case: the name after the last separator, as path.basename gives it
 * for a file's path, read without its call or a regex (both ran on every file).
 */
export function stemOf(path: string): string {
  const name = path.slice(folderEnd(path) + 1);
  const n = name.length;
  const md = n >= 3 && name.charCodeAt(n - 3) === 46 && (name.charCodeAt(n - 2) | 32) === 109 && (name.charCodeAt(n - 1) | 32) === 100;
  return md ? name.slice(0, -3) : name;
}

/** Invalid UTF-8 is read by the client with replacement characters: say so, at the first bad byte. */
function encodingProblem(bytes: Buffer, config: ResolvedConfig): Diagnostic | undefined {
  const severity = severityOf('file/encoding', config);
  if (!severity || isUtf8(bytes)) return undefined;
  // The first U+FFFD of the decoded text is the first bad byte (unless the file also holds a real U+FFFD before it).
  const text = bytes.toString('utf8');
  const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).replace(/^\uFEFF/, '').split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const message = `the file is not valid UTF-8 (first bad byte at line ${line}, column ${column}); Claude Code reads it with replacement characters.`;
  return { rule: 'file/encoding', severity, message, line, column };
}

function nameAt(fields: { key: string; line: number; column: number }[]): Pick<CheckedFile, 'nameAt'> {
  const field = fields.find((candidate) => candidate.key === 'name');
  return field ? { nameAt: { line: field.line, column: field.column } } : {};
}

function unreadable(path: string, message: string, config: ResolvedConfig): CheckedFile {
  const severity = severityOf('file/unreadable', config);
  return {
    path,
    verdict: 'not-an-agent',
    name: null,
    reason: message,
    diagnostics: severity ? [{ rule: 'file/unreadable', severity, message: `${message}.`, line: 1, column: 1 }] : [],
  };
}

/**
 * Reads and checks each file into `results`; an unreadable one gets a diagnostic and an entry in
 * `ioProblems`, the rest go on. With `readAhead`, a large list is read by a second thread (see ReadAhead).
 */
export function checkFiles(files: Collected[], config: ResolvedConfig, { readAhead = false } = {}): { results: FileResults; ioProblems: IoProblem[] } {
  const results = new FileResults();
  const reader = new FileReader();
  const ahead = readAhead && readAheadFor(files.length) ? new ReadAhead(files.map((file) => file.path)) : undefined;
  const ioProblems: IoProblem[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as Collected;
    let bytes: Buffer;
    try {
      bytes = ahead ? ahead.read(i, () => reader.read(file.path)) : reader.read(file.path);
    } catch (error) {
      const message = describeAt(file.path, error);
      ioProblems.push({ path: file.path, message });
      results.push(unreadable(file.path, `cannot read: ${message}`, config), file.order);
      continue;
    }
    results.push(checkBytes(file.path, bytes, config, file.fromFolder), file.order);
  }
  ahead?.close();
  return { results, ioProblems };
}

/** Folders this large are checked on every core; below it a worker's start-up costs more than it saves. */
const PARALLEL_FROM = 2000;

/** Checks files and folders (recursively, `*.md`), then the rules that span files. */
export async function checkPaths(inputs: string[], config: ResolvedConfig): Promise<CheckResult> {
  const { files, problems } = collectFiles(inputs);
  const { checkInParallel, checkThreads } = await import('./check-parallel.js');
  const checked = files.length >= PARALLEL_FROM && checkThreads() > 1 ? await checkInParallel(files, config) : checkFiles(files, config, { readAhead: true });
  const { results } = checked;
  // Back into the order the paths were found in: an unreadable path sits where it was named.
  for (const problem of problems) results.push(unreadable(problem.path, `cannot read: ${problem.message}`, config), problem.order);
  const duplicates = severityOf('name/duplicate', config);
  if (duplicates) results.addDuplicateNames(duplicates);
  const ioProblems = [...problems, ...checked.ioProblems].map(({ path, message }) => ({ path, message }));
  return { files: results, summary: summarize(results), ioProblems };
}

export const summarize = (results: FileResults): CheckResult['summary'] => ({ files: results.length, errors: results.errors, warnings: results.warnings });
