import type { CheckResult } from '../commands/check.js';
import type { Diagnostic } from '../rules/index.js';
import { inChunks, type ChunkMemory } from './chunks.js';

export interface StylishOptions {
  color: boolean;
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** C0 and C1 controls (U+009B alone starts a terminal sequence), line separators, and invisible format characters (U+202E turns text around). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with its control and format characters written as escapes (`\n`, `\t`, `\u001b`, `\u202e`…): a file name or a value
 * quoted in a message that holds a line break or a terminal code cannot add lines or colours to the
 * report. (The json, github and sarif formats escape them their own way.)
 */
const shown = (text: string): string =>
  CONTROL.test(text) ? text.replace(CONTROLS, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;

function* lines(result: CheckResult, color: boolean): Generator<string> {
  const counts = { loaded: 0, skipped: 0, 'not-an-agent': 0 };
  for (const file of result.files) {
    counts[file.verdict]++;
    if (file.diagnostics.length === 0) continue;
    yield `${paint(color, 4, shown(file.path))}\n`;
    // Display order is by position; the list itself keeps cross-file diagnostics last (as the JSON does).
    for (const d of byPosition(file.diagnostics)) {
      const where = `${d.line}:${d.column}`.padEnd(7);
      const level = d.severity === 'error' ? paint(color, 31, 'error  ') : paint(color, 33, 'warning');
      yield `  ${where} ${level}  ${shown(d.message)}  ${paint(color, 2, d.rule)}\n`;
    }
    yield '\n';
  }
  const { files, errors, warnings } = result.summary;
  const problems = errors + warnings;
  const head = problems === 0 ? paint(color, 32, '✔ no problems') : paint(color, errors > 0 ? 31 : 33, `✖ ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  yield `${head} in ${files} file${files === 1 ? '' : 's'}: ${counts.loaded} loaded by Claude Code, ${counts.skipped} skipped, ${counts['not-an-agent']} not agents.\n`;
}

const before = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column;

/** The diagnostics by line and column: the list itself, not a sorted copy, when it is in that order already (the common case). */
function byPosition(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  let previous: Diagnostic | undefined;
  for (const diagnostic of diagnostics) {
    if (previous && before(previous, diagnostic) > 0) return diagnostics.slice().sort(before);
    previous = diagnostic;
  }
  return diagnostics;
}

/** Human output in the eslint "stylish" shape: files with problems, one line each, then a summary. */
export const stylishChunks = (result: CheckResult, { color }: StylishOptions, memory?: ChunkMemory): Generator<Uint8Array> => inChunks(lines(result, color), memory);
