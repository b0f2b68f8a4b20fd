import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { applyEdits, holdsPair, indentOf, leadingSpaces, lineText, previousContentLine } from './lines.js';

// Block scalars (`|`, `>`) as Bun reads them: the headers it refuses or accepts where yaml does not
// (blanks before the indicators), leading blank lines it refuses, the indentation of a block's text,
// and lines of spaces under an indentation indicator, which are text to Bun.

/**
 * Whether Bun refuses the text of a block scalar whose header is first on its line at `at`, after an
 * entry of a map: empty lines of spaces after the header further right than its first line of text,
 * where that line is further right than the entry (else the scalar is empty and ends there).
 */
export function leadingBlanksRefused(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const entry = previousContentLine(text, lineStart);
  if (!entry || !holdsPair(entry.text)) return false;
  let widest = 0;
  for (let from = text.indexOf('\n', at) + 1; from > 0 && from < text.length; from = text.indexOf('\n', from) + 1) {
    const line = lineText(text, from);
    const spaces = /^ */.exec(line)?.[0].length ?? 0;
    if (spaces === line.length) {
      widest = Math.max(widest, spaces);
      continue;
    }
    return spaces > indentOf(entry.text) && spaces < widest;
  }
  return false;
}

/**
 * Whether Bun refuses the block scalar header whose `|` or `>` is at `at`: at most one indentation
 * indicator (1-9) and one chomping indicator, blanks and a comment after blanks, in any order; then a
 * line break, and no tab first on the next line.
 */
export function blockHeaderRefused(text: string, at: number): boolean {
  let indicator = false;
  let chomp = false;
  for (let i = at + 1; i < text.length; ) {
    const c = text.charAt(i);
    if (c >= '1' && c <= '9') {
      if (indicator) return true;
      indicator = true;
      i++;
    } else if (c === '-' || c === '+') {
      if (chomp) return true;
      chomp = true;
      i++;
    } else if (c === ' ' || c === '\t') {
      while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
      if (text.charAt(i) === '#') while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
    } else if (c === '\r' || c === '\n') {
      const next = c === '\r' && text.charAt(i + 1) === '\n' ? i + 2 : i + 1;
      return text.charAt(next) === '\t';
    } else return true;
  }
  return false;
}

/** What may stand before a block scalar's header on its line: indentation, `- `/`? ` indicators, a key and properties. */
const BEFORE_HEADER = /^[ \t]*(?:(?:[-?]|[&!]\S*)[ \t]+)*(?:[^\s#'"{[][^#]*?:[ \t]+)?(?:[&!]\S*[ \t]+)*$/;
/** After `|` or `>`: blanks, then the indicators, then perhaps blanks and a comment. */
const SPACED_INDICATORS = /^((?:[ \t]*[-+1-9]){1,2})((?:[ \t]+(?:#.*)?)?\r?)$/;

/**
 * Block scalar headers with blanks before their indicators (`| -`, `>\t2`): Bun reads the indicators,
 * yaml refuses the header (measured; fixtures *-spaced-block-header-*). The text with the blanks moved
 * after the indicators (same offsets), or undefined when there is none.
 */
export function spacedBlockHeaders(text: string): string | undefined {
  const edits = new Map<number, { remove: number; insert: string }>();
  // The indentation of the block scalar the lines are in (their text is left as it is), if any.
  let blockAt: number | undefined;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const lineStart = start;
    const line = text.slice(lineStart, end);
    start = end + 1;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (blockAt !== undefined && (indent > blockAt || line.trim() === '')) continue;
    blockAt = undefined;
    const at = line.search(/[|>]/);
    if (at < 0 || !BEFORE_HEADER.test(line.slice(0, at))) continue;
    const written = SPACED_INDICATORS.exec(line.slice(at + 1))?.[1];
    if (written === undefined) {
      if (BLOCK_HEADER.test(line.slice(indent).replace(/(?:^|[ \t]+)#.*$/, '').trimEnd())) blockAt = indent;
      continue;
    }
    const indicators = written.replace(/[ \t]/g, '');
    blockAt = indent;
    // (One chomping indicator and one digit at most; with no blank among them the header is yaml's too.)
    if (indicators === written || !/^(?:[-+][1-9]?|[1-9][-+]?)$/.test(indicators)) continue;
    edits.set(lineStart + at + 1, { remove: written.length, insert: indicators + written.replace(/[-+1-9]/g, '') });
  }
  return edits.size === 0 ? undefined : applyEdits(text, edits);
}

/** A block scalar's header (`|`, `>-`, `|2+`) ending a line's content (indentation and comment aside), where a node starts. */
export const BLOCK_HEADER = /(?:^|(?:(?:^|[ \t])(?:[?-]|[&!]\S*)|:)[ \t]+)[|>][1-9+-]*$/;

/**
 * The indentation an indentation indicator counts from, for the header at `header`: that of its line, or
 * where a list entry's dash leads the line of a key (`- k: |2`), the key's column (Bun's text then starts
 * at column 5: measured, fixtures *-list-key-indicator-*).
 */
function headerIndent(text: string, header: number): number {
  const lineStart = text.lastIndexOf('\n', header) + 1;
  const entry = /^ *(?:-[ \t]+)+/.exec(text.slice(lineStart, header));
  return entry && holdsPair(text.slice(lineStart + entry[0].length, header)) ? entry[0].length : leadingSpaces(text, lineStart);
}

/** The indentation of a block scalar's text: that of its first line with more than spaces (after the header at `header`). */
export function blockIndent(text: string, header: number): number {
  // An indentation indicator (`|2`) counts from the indentation of the line the header is on.
  const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(text.slice(header, header + 3));
  if (indicator) return headerIndent(text, header) + Number(indicator[1] ?? indicator[2]);
  for (let at = text.indexOf('\n', header) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
    const spaces = leadingSpaces(text, at);
    if (!/^[\r\n]?$/.test(text.charAt(at + spaces))) return spaces;
  }
  return Infinity;
}

/**
 * Block scalars with an indentation indicator (`|2`, `>1-`) whose lines hold only spaces: a line with more
 * spaces than the indicator's indentation is text to Bun (spaces), an empty line to yaml (measured:
 * `description: |2` over a line of three spaces loads; fixtures *-indicator-*). Only a scalar yaml read as
 * empty can differ; it gets the spaces, chomped as its header says.
 */
export function indicatorSpaces(doc: Document.Parsed, text: string): void {
  const { visit } = yaml();
  visit(doc, {
    Scalar(_, node) {
      if (node.value !== '' || !String(node.type).startsWith('BLOCK') || !node.range) return;
      const header = /^[|>]([+-]?)([1-9])([+-]?)/.exec(text.slice(node.range[0], node.range[0] + 3));
      if (!header) return;
      const lineStart = text.lastIndexOf('\n', node.range[0]) + 1;
      const indent = leadingSpaces(text, lineStart) + Number(header[2]);
      const lines: string[] = [];
      for (let at = text.indexOf('\n', node.range[0]) + 1; at > 0 && at < text.length; ) {
        const end = text.indexOf('\n', at);
        const line = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
        if (!/^ *$/.test(line)) break;
        lines.push(line.slice(indent));
        if (end < 0) break;
        at = end + 1;
      }
      const last = lines.findLastIndex((line) => line !== '');
      if (last < 0) return;
      const chomp = header[1] || header[3];
      const kept = lines.slice(0, last + 1).join('\n');
      node.value = chomp === '-' ? kept : chomp === '+' ? `${lines.join('\n')}\n` : `${kept}\n`;
    },
  });
}
