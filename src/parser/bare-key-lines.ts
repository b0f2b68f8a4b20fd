import { BLOCK_HEADER, holdsPair, quotedRun } from './bun/index.js';

// The line model bareKeys and droppedContent read a text with: each line's indentation, content and
// comment, whether it is inside a block or quoted scalar, and the map entry a line stands under.

export interface Line {
  start: number;
  indent: number;
  /** The line after its indentation, without a trailing carriage return or comment. */
  content: string;
  /** Nothing but blanks and a comment. */
  blank: boolean;
  /** A tab among the blanks that lead the line. */
  tabbed: boolean;
  /** A comment ends the line. */
  comment: boolean;
  /** The line is inside a block scalar or a quoted scalar opened on a line above. */
  inScalar: boolean;
}

export const isEntry = (content: string): boolean => /^-(?:[ \t]|$)/.test(content);
/** A plain scalar's first character (not an indicator). */
export const PLAIN_START = /^(?![-?:,[\]{}#&*!|>'"%@`])[^ \t\r\n]|^[-?:](?=[^ \t\r\n])/;
/** A pair or explicit entry line whose value is still to come (nothing, an anchor or a tag after its indicator). */
const OPEN_VALUE = /(?:^[?:]|:)(?:[ \t]+(?:[&!]\S*))*[ \t]*$/;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = raw.slice(lead.length).replace(/(?:^|[ \t]+)#.*$/, '');
    const comment = content.length < raw.length - lead.length && raw.trimEnd().length > lead.length + content.length;
    lines.push({ start, indent: lead.length, content, blank: content === '', tabbed: lead.includes('\t'), comment, inScalar: false });
    if (newline < 0) break;
    start = newline + 1;
  }
  // The lines of block scalars (further right than their header's line) and of quoted scalars left open.
  let documentStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.blank || line.inScalar) continue;
    const first = documentStart;
    documentStart = line.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(line.content);
    const header = BLOCK_HEADER.exec(line.content.trimEnd());
    if (header && first && /^[|>]/.test(line.content)) {
      // A block scalar that is the whole document: its text may start at column 1, up to the next marker.
      for (let k = i + 1; k < lines.length && !(lines[k]?.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(lines[k]?.content ?? '')); k++) (lines[k] as Line).inScalar = true;
    } else if (header) {
      // Its lines: as far right as the first (or as its indentation indicator says), blank lines among them.
      const indicator = /[1-9]/.exec(header[0])?.[0];
      let indent = indicator === undefined ? undefined : line.indent + Number(indicator);
      for (let k = i + 1; k < lines.length; k++) {
        const inner = lines[k] as Line;
        const empty = /^[ \t]*\r?$/.test(text.slice(inner.start, (lines[k + 1]?.start ?? text.length + 1) - 1));
        if (!empty) {
          indent ??= inner.indent > line.indent ? inner.indent : Infinity;
          if (inner.indent < indent) break;
        }
        inner.inScalar = true;
      }
    } else {
      const unclosed = scanLine(line.content).unclosed;
      if (unclosed === undefined) continue;
      // (No indentation ends it here: only its closing quote.)
      const run = quotedRun(text, line.start + line.indent + unclosed, -1);
      const end = 'end' in run ? run.end : text.length;
      for (let k = i + 1; k < lines.length && (lines[k] as Line).start <= end; k++) (lines[k] as Line).inScalar = true;
    }
  }
  return lines;
}

/** The index of the first line after line `i` with more than blanks and a comment on it (lines.length: none). */
export function nextContent(lines: Line[], i: number): number {
  let next = i + 1;
  while (next < lines.length && (lines[next] as Line).blank) next++;
  return next;
}

/**
 * Where line `i` stands where its map expects a key, the line of the map's entry above it: the nearest
 * line above that is no further right, a pair or explicit entry at the same indentation whose value
 * (when it has none on its line) a list entry would be. Undefined elsewhere, and inside an open flow
 * collection.
 */
export function mapKeyOwner(lines: Line[], i: number, sequence: boolean): Line | undefined {
  const indent = (lines[i] as Line).indent;
  let open = 0;
  let afterEntries = false;
  // Lines further right between the entry and line `i` give the entry its value.
  let deeper = false;
  for (let j = i - 1; j >= 0; j--) {
    const above = lines[j] as Line;
    if (above.blank || above.inScalar) continue;
    if (above.tabbed) return undefined;
    const scan = scanLine(above.content);
    open += scan.unclosed === undefined ? scan.brackets : Infinity;
    if (above.indent > indent) {
      deeper = true;
      continue;
    }
    if (above.indent < indent) return listEntryMap(above, indent, sequence || open > 0, afterEntries, deeper) ? above : undefined;
    if (isEntry(above.content)) {
      // The entries of a list: another bare key's (then no `?` came between) or the value of the pair above.
      if (sequence) return undefined;
      afterEntries = true;
      deeper = false;
      continue;
    }
    if (open > 0 || !(holdsPair(above.content) || /^[?:](?:[ \t]|$)/.test(above.content))) return undefined;
    const empty = OPEN_VALUE.test(above.content) && !deeper;
    return (afterEntries ? empty : !(sequence && empty)) ? above : undefined;
  }
  return undefined;
}

/**
 * Whether `above`, a list entry (`- k: v`), opens a map whose keys stand at `indent` (its key's column),
 * where a line at that column is that map's (measured; fixtures *-list-entry-bare-key-*): as for a pair
 * line at that column, after entries of a list only if its value is still to come.
 */
function listEntryMap(above: Line, indent: number, refused: boolean, afterEntries: boolean, deeper: boolean): boolean {
  const dashes = /^(?:- +)+/.exec(above.content)?.[0].length;
  if (refused || dashes === undefined || above.indent + dashes !== indent) return false;
  const rest = above.content.slice(dashes);
  return holdsPair(rest) && (!afterEntries || (OPEN_VALUE.test(rest) && !deeper));
}

/**
 * Opening minus closing brackets on a line outside quoted scalars (roughly: enough to see a flow
 * collection left open), and where a quoted scalar opens that the line does not close (an index in
 * `content`), if one does.
 */
function scanLine(content: string): { brackets: number; unclosed?: number } {
  let brackets = 0;
  for (let k = 0; k < content.length; k++) {
    const code = content.charCodeAt(k);
    if ((code === 34 || code === 39) && (k === 0 || /[\s[{,:]/.test(content.charAt(k - 1)))) {
      // A quoted scalar opens here ('' escapes ' and \ escapes " inside).
      const opened = k;
      for (k++; ; k++) {
        if (k >= content.length) return { brackets, unclosed: opened };
        const inner = content.charCodeAt(k);
        if (code === 34 && inner === 92) k++;
        else if (inner === code && code === 39 && content.charCodeAt(k + 1) === 39) k++;
        else if (inner === code) break;
      }
    } else if (code === 91 || code === 123) brackets++;
    else if (code === 93 || code === 125) brackets--;
  }
  return { brackets };
}
