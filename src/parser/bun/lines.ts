// Line reading shared by Bun's rules: a line's indentation and text without its comment, the
// line with content before a given one, whether a line holds a pair, and edits that keep offsets.
// Small and rule-free, so every other module here measures lines the same way.

export const indentOf = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0;

/**
 * Whether a line holds a `key: value` pair outside quotes and brackets (a list entry's line counts as
 * no pair: its entry is the node).
 */
export function holdsPair(line: string): boolean {
  const content = line.trimStart();
  if (content.startsWith('- ') || content === '-') return false;
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    // (A quote inside a word, `Don't`, is text: fixtures *-apostrophe-key-*.)
    if ((code === 34 || code === 39) && (i === 0 || /[\s[{,]/.test(content[i - 1] ?? ''))) {
      // A quoted scalar: skip to its closing quote ('' escapes ' and \ escapes " inside).
      for (i++; i < content.length; i++) {
        const inner = content.charCodeAt(i);
        if (code === 34 && inner === 92) i++;
        else if (inner === code && !(code === 39 && content.charCodeAt(i + 1) === 39)) break;
        else if (inner === code) i++;
      }
    } else if (code === 91 || code === 123) depth++;
    else if ((code === 93 || code === 125) && depth > 0) depth--;
    else if (code === 58 && depth === 0 && (i + 1 === content.length || /[ \t]/.test(content[i + 1] ?? ''))) return true;
  }
  return false;
}

/** The start of the first line after the one holding `at` with something on it besides a comment, or 0. */
export function lineAfterBlanks(text: string, at: number): number {
  for (let start = text.indexOf('\n', at) + 1; start > 0; start = text.indexOf('\n', start) + 1) {
    const end = text.indexOf('\n', start);
    if (!/^\s*(#.*)?$/.test(text.slice(start, end < 0 ? text.length : end))) return start;
  }
  return 0;
}

/** The line that starts at `start`, without its comment or carriage return. */
export const lineText = (text: string, start: number): string => {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '').replace(/[ \t]+#.*$/, '');
};

/**
 * The last line before offset `start` (a line start) with something on it besides a comment: its
 * start, and its text without a trailing comment or carriage return.
 */
export function previousContentLine(text: string, start: number): { start: number; text: string } | undefined {
  for (let end = start - 1; end > 0; ) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end).replace(/\r$/, '');
    if (!/^\s*(#.*)?$/.test(line)) return { start: from, text: line.replace(/[ \t]+#.*$/, '') };
    end = from - 1;
  }
  return undefined;
}

/** `text` with each edit made (at an offset of `text`: remove characters, then insert), in one pass. */
export function applyEdits(text: string, edits: Map<number, { remove: number; insert: string }>): string {
  let out = '';
  let from = 0;
  for (const at of [...edits.keys()].sort((a, b) => a - b)) {
    const edit = edits.get(at) ?? { remove: 0, insert: '' };
    out += text.slice(from, at) + edit.insert;
    from = at + edit.remove;
  }
  return out + text.slice(from);
}

/** Where the anchors and tags right before the node at `at`, on its line, start (`: !t v`: at the `!`); `at` where there are none. */
export function propertiesStart(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = /(?:[&!][^\s]*[ \t]+)+$/.exec(text.slice(lineStart, at));
  return before && (before.index === 0 || /[ \t]/.test(text.charAt(lineStart + before.index - 1))) ? lineStart + before.index : at;
}

export const leadingSpaces = (text: string, at: number): number => {
  let count = 0;
  while (text.charCodeAt(at + count) === 32) count++;
  return count;
};

/** Whether, going up from the line at `lineStart`, the first line no further right than `column` is at that column (an entry of the same block). */
export function followsSibling(text: string, lineStart: number, column: number): boolean {
  for (let above = previousContentLine(text, lineStart), steps = 0; above !== undefined && steps < 10_000; above = previousContentLine(text, above.start), steps++) {
    const indent = indentOf(above.text);
    if (indent <= column) return indent === column;
  }
  return false;
}
