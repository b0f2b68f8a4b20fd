import type { Document } from 'yaml';
import { applyEdits } from './lines.js';

// Flow collections over several lines: closing brackets and commas that lead a line left of where
// yaml wants them, which Bun reads, and the innermost collection open at each line.

/** Where a line's comment starts (the line's length without one): a `#` after a blank, outside quotes. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === '"' && char === '\\') i++;
    else if (quote !== '' && char === quote) quote = '';
    else if (quote === '' && (char === '"' || char === "'")) quote = char;
    else if (quote === '' && char === '#' && (i === 0 || /[ \t]/.test(line[i - 1] ?? ''))) return /[ \t]*$/.exec(line.slice(0, i))?.index ?? i;
  }
  return line.length;
}

/**
 * The starts of the lines holding only closing brackets that close a flow collection opened on a line
 * indented as far as the bracket or further, below the top level: what yaml refuses and Bun reads.
 * Follows the brackets outside quotes and comments.
 */
function dedentedCloserLines(text: string): number[] {
  const found: number[] = [];
  const open: number[] = [];
  let quote = '';
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const closing = quote === '' ? closingLine(line) : undefined;
    // A comma leading a line no further right than the line that opened the collection it is in.
    let dedented = closing !== undefined && closing[1].startsWith(',') && open.length > 0 && (open.at(-1) ?? 0) >= indent;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quote !== '') {
        if (quote === '"' && char === '\\') i++;
        else if (char === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        }
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '#' && (i === 0 || /[ \t]/.test(line[i - 1] ?? ''))) break;
      else if (char === '[' || char === '{') open.push(indent);
      else if ((char === ']' || char === '}') && open.length > 0) {
        const opener = open.pop() ?? 0;
        if (closing && opener > 0 && opener >= indent) dedented = true;
      }
    }
    if (dedented) found.push(start);
    start = end + 1;
  }
  return found;
}

/** For each line start inside a flow collection, the bracket of the innermost one open there (quotes and comments aside). */
export function innermostOpen(text: string): Map<number, string> {
  const found = new Map<number, string>();
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote !== '') {
      if (quote === '"' && char === '\\') i++;
      else if (char === quote) quote = quote === "'" && text.charAt(i + 1) === "'" ? (i++, quote) : '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text.charAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (char === '[' || char === '{') open.push(char);
    else if ((char === ']' || char === '}') && open.length > 0) open.pop();
    else if (char === '\n' && open.length > 0) found.set(i + 1, open.at(-1) ?? '');
  }
  return found;
}

/**
 * A line that starts (after spaces) with a closing bracket or a comma (Bun reads on after either, at
 * any indentation; measured, fixtures *-flow-comma-line-*): its spaces, what it holds up to its comment
 * (the brackets, and whatever the collection around them goes on with), and the rest.
 */
function closingLine(line: string, colon = false): [string, string, string] | undefined {
  const spaces = (colon ? /^([ \t]*)(?:[\]},]|:(?=[ \t]|\r?$))/ : /^([ \t]*)[\]},]/).exec(line)?.[1];
  if (spaces === undefined) return undefined;
  const content = line.slice(spaces.length, commentStart(line)).replace(/[ \t\r]+$/, '');
  return [spaces, content, line.slice(spaces.length + content.length)];
}

/**
 * A multi-line flow collection whose closing bracket is indented less than the key it belongs to:
 * Bun reads it (measured: `x:` / `  tools: [` / `    Read` / `]` loads, fixtures *-closing-*), yaml stops
 * ("must be sufficiently indented"). The text with each such bracket moved to the end of the line
 * before, ahead of its comment (same offsets for what follows), or undefined.
 */
export function dedentedClosers(docs: Document.Parsed[], text: string): string | undefined {
  // yaml's indentation errors on such lines ("must be sufficiently indented", "must start at the same
  // column"); a bracket that closes nothing is another error, and stays.
  const indentErrors = docs.flatMap((doc) => doc.errors).filter((error) => error.code === 'BAD_INDENT');
  const flagged = indentErrors.map((error) => error.pos[0]);
  // A value indicator leading such a line (`{s` / `: x}`) Bun reads at any indentation too (measured;
  // fixtures *-flow-colon-line-*): moved up as a closer is, where yaml flags the flow collection.
  const colons = new Set(indentErrors.filter((error) => error.message.startsWith('Flow ')).map((error) => error.pos[0]));
  if (flagged.length === 0) return undefined;
  // yaml loses its way after the first such bracket and flags the later ones as other errors: they are
  // found by following the brackets themselves (one read for them all, not one per bracket).
  const at = [...new Set([...flagged, ...dedentedCloserLines(text)])].sort((a, b) => a - b);
  // All moves are planned on the text as written, then made in one pass (linear in the text).
  const inserts = new Map<number, string>();
  const removals = new Map<number, { remove: number; insert: string }>();
  /** Bracket lines whose brackets move, and the line they went to (a later bracket goes there too). */
  const emptied = new Map<number, number>();
  const lineAt = (start: number): string => {
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end);
  };
  let innermost: Map<number, string> | undefined;
  const lastMoved = new Map<number, string>();
  for (const position of at) {
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    if (lineStart === 0 || emptied.has(lineStart)) continue;
    const line = closingLine(lineAt(lineStart), colons.has(position));
    if (!line) continue;
    // The nearest line above with something on it.
    let targetStart = lineStart;
    let target = '';
    while (targetStart > 0) {
      targetStart = text.lastIndexOf('\n', targetStart - 2) + 1;
      targetStart = emptied.get(targetStart) ?? targetStart;
      // (A CRLF line's carriage return stays its last character: the brackets go before it.)
      target = lineAt(targetStart).replace(/\r$/, '');
      if (target.slice(0, commentStart(target)).trim() !== '') break;
      target = '';
    }
    if (target === '') continue;
    const [spaces, brackets, rest] = line;
    // The brackets go at the end of that line, ahead of its comment; the bracket line keeps its spaces
    // (blanks after the brackets become spaces: a tab left alone on a line is another matter to Bun).
    const insertAt = targetStart + commentStart(target);
    // A comma after a list or map that closed as an item of a list: Bun refuses the line (measured).
    // (What that line ends with may be what an earlier line moved there: its last character is kept.)
    const before = lastMoved.get(insertAt) ?? target.slice(0, commentStart(target)).trimEnd().slice(-1);
    if (brackets.startsWith(',') && (before === ']' || before === '}') && (innermost ??= innermostOpen(text)).get(lineStart) === '[') continue;
    inserts.set(insertAt, (inserts.get(insertAt) ?? '') + brackets);
    lastMoved.set(insertAt, brackets.slice(-1));
    const blanks = /^[ \t]*/.exec(rest)?.[0].length ?? 0;
    // Blanks before the brackets that hold a tab become spaces too (` \t  ]` reads on, measured).
    const lead = spaces.includes('\t') ? spaces.length : 0;
    removals.set(lineStart + spaces.length - lead, { remove: lead + brackets.length + blanks, insert: ' '.repeat(lead + blanks) });
    emptied.set(lineStart, targetStart);
  }
  if (inserts.size === 0) return undefined;
  const edits = new Map<number, { remove: number; insert: string }>();
  for (const [at, insert] of inserts) edits.set(at, { remove: 0, insert });
  for (const [at, removal] of removals) edits.set(at, removal);
  return applyEdits(text, edits);
}
