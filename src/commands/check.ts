import { FileReader } from '../files/read.js';
import { isUtf8 } from 'node:buffer';
import { basename, sep } from 'node:path';
import { parseAgentBytes } from '../parser/index.js';
import { severityOf, validate, type Diagnostic, type ResolvedConfig } from '../rules/index.js';
import { collectFiles, describe, type Collected } from '../files/collect.js';

export interface FileResult {
  path: string;
  verdict: 'loaded' | 'skipped' | 'not-an-agent';
  name: string | null;
  reason: string | null;
  diagnostics: Diagnostic[];
  /** Where the name is written (for cross-file diagnostics); not part of the JSON report. */
  nameAt?: { line: number; column: number };
  /** The name exactly as written: two agents collide on this. Not part of the JSON report. */
  registeredName?: string;
}

export interface CheckResult {
  files: FileResult[];
  summary: { files: number; errors: number; warnings: number };
  /** True when a path could not be read (exit code 2). */
  ioProblem: boolean;
}

/** Decodes and parses one file's bytes, and runs the rules; never throws. */
export function checkBytes(path: string, bytes: Buffer, config: ResolvedConfig, fromFolder: boolean): FileResult {
  const doc = parseAgentBytes(bytes, path);
  if (doc.tooLarge) return unreadable(path, doc.verdict.kind === 'loaded' ? '' : doc.verdict.reason, config);
  const stem = basename(path).replace(/\.md$/i, '');
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
  // Copies: a substring of the file text would keep the whole text alive as long as the result.
  return {
    path,
    verdict: verdict.kind,
    name: verdict.kind === 'loaded' ? own(verdict.name) : null,
    reason: verdict.kind === 'loaded' ? null : own(verdict.reason),
    // One object shape for every diagnostic kept (10,000 files keep about 100,000 of them).
    diagnostics: diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: shared(d.message), line: d.line, column: d.column })),
    ...nameAt(doc.fields),
    ...(verdict.kind === 'loaded' ? { registeredName: own(verdict.registeredName) } : {}),
  };
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

/** A copy of `text` that shares no memory with the string it was cut from (slicing a new cons string flattens it). */
const own = (text: string): string => ` ${text}`.slice(1);

/**
 * Messages repeat across files ("section … is missing"): one copy of each is kept, so the results of
 * 10,000 files hold a few hundred message strings, not 80,000.
 */
const messages = new Map<string, string>();
function shared(message: string): string {
  let kept = messages.get(message);
  if (kept === undefined) {
    kept = own(message);
    if (messages.size < 100_000) messages.set(kept, kept);
  }
  return kept;
}

function nameAt(fields: { key: string; line: number; column: number }[]): Pick<FileResult, 'nameAt'> {
  const field = fields.find((candidate) => candidate.key === 'name');
  return field ? { nameAt: { line: field.line, column: field.column } } : {};
}

function unreadable(path: string, message: string, config: ResolvedConfig): FileResult {
  const severity = severityOf('file/unreadable', config);
  return {
    path,
    verdict: 'not-an-agent',
    name: null,
    reason: message,
    diagnostics: severity ? [{ rule: 'file/unreadable', severity, message: `${message}.`, line: 1, column: 1 }] : [],
  };
}

/** Reads and checks each file; an unreadable one gets a diagnostic and `ioProblem`, the rest go on. */
export function checkFiles(files: Collected[], config: ResolvedConfig): { results: FileResult[]; ioProblem: boolean } {
  const reader = new FileReader();
  const results: FileResult[] = [];
  let ioProblem = false;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = reader.read(file.path);
    } catch (error) {
      ioProblem = true;
      results.push(unreadable(file.path, `cannot read: ${describe(error)}`, config));
      continue;
    }
    results.push(checkBytes(file.path, bytes, config, file.fromFolder));
  }
  return { results, ioProblem };
}

/** Folders this large are checked on every core; below it a worker's start-up costs more than it saves. */
const PARALLEL_FROM = 2000;

/** Checks files and folders (recursively, `*.md`), then the rules that span files. */
export async function checkPaths(inputs: string[], config: ResolvedConfig): Promise<CheckResult> {
  const { files, problems } = collectFiles(inputs);
  const { checkInParallel, checkThreads } = await import('./check-parallel.js');
  const checked = files.length >= PARALLEL_FROM && checkThreads() > 1 ? await checkInParallel(files, config) : checkFiles(files, config);
  // Back into the order the paths were found in: an unreadable path sits where it was named.
  const placed: [number, FileResult][] = [
    ...problems.map((problem): [number, FileResult] => [problem.order, unreadable(problem.path, `cannot read: ${problem.message}`, config)]),
    ...files.map((file, i): [number, FileResult] => [file.order, checked.results[i] as FileResult]),
  ];
  const results = placed.sort((a, b) => a[0] - b[0]).map(([, result]) => result);
  const ioProblem = problems.length > 0 || checked.ioProblem;
  addDuplicateNames(results, config);
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { files: results, summary: { files: results.length, errors, warnings }, ioProblem };
}

function addDuplicateNames(results: FileResult[], config: ResolvedConfig): void {
  const severity = severityOf('name/duplicate', config);
  if (!severity) return;
  const byName = new Map<string, FileResult[]>();
  for (const result of results) {
    if (result.name === null) continue;
    const list = byName.get(result.registeredName ?? result.name);
    if (list) list.push(result);
    else byName.set(result.registeredName ?? result.name, [result]);
  }
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    for (const result of list) {
      const others = list.filter((other) => other !== result).map((other) => other.path);
      const shown = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
      result.diagnostics.push({
        rule: 'name/duplicate',
        severity,
        message: `name "${name}" is also registered by ${shown}; Claude Code keeps only one of them.`,
        line: result.nameAt?.line ?? 1,
        column: result.nameAt?.column ?? 1,
      });
    }
  }
}
