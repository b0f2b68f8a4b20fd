import { holdsPair, previousContentLine } from './lines.js';

// Bun's wording where a line's indentation holds a tab: "Tab characters cannot be used as indentation"
// for a key only, measured against the maps open at that line; "Unexpected token" elsewhere.

const KEY_CONTENT = /^[^\s:#'"[{\-][^:]*:(?:[ \t]|\r?$)/;
/** KEY_CONTENT, or a quoted key (`"k" : v`; fixtures *-tab-quoted-key-after-value-*). */
const ANY_KEY_CONTENT = /^(?:[^\s:#'"[{\-][^:]*|"(?:[^"\\]|\\.)*"[ \t]*|'(?:[^']|'')*'[ \t]*):(?:[ \t]|\r?$)/;

/**
 * Bun's wording where a line's indentation holds a tab (measured on a grid of contexts, fixtures
 * *-tab-indent-*): yaml says "tabs are not allowed as indentation" for a list entry or a plain word
 * too, Bun only for a key ("Unexpected token" otherwise); and where yaml reads a key indented with
 * spaces then a tab as the previous value going on ("nested mappings are not allowed"), Bun meets the
 * tab, once the spaces reach the previous key's indentation.
 */
export function tabIndentWording(code: string, text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (code === 'TAB_AS_INDENT') {
    const found = /^( *)\t[ \t]*(.*)$/.exec(line);
    // A tab between a key and its value is no indentation to Bun: yaml complains because the value goes
    // on onto a `key: value` line, which Bun refuses as such ("Unexpected token", as with a space).
    // (Unless that line is itself indented with spaces then a tab: Bun meets that tab, as after a space.)
    if (!found) {
      if (!/^[ \t]*[^\s#][^\t]*:[ \t]*$/.test(text.slice(lineStart, at))) return undefined;
      const value = at + (/^[ \t]*/.exec(text.slice(at, at + 256))?.[0].length ?? 0);
      return tabIndentWording('BLOCK_AS_IMPLICIT_KEY', text, value) ?? 'Unexpected token';
    }
    const [, spaces = '', content = ''] = found;
    if (KEY_CONTENT.test(content)) {
      // A key after spaces then a tab: "Tab…" where the spaces reach an open block's indentation, or go
      // past the deepest; between two of them, "Unexpected token" (measured on a grid; fixtures *-tab-key-*).
      const levels = spaces === '' ? undefined : openLevels(text, lineStart);
      if (!levels) return undefined;
      return levels.includes(spaces.length) || spaces.length > Math.max(...levels) ? undefined : 'Unexpected token';
    }
    // A list entry, a quoted or flow value: "Tab…" where the spaces reach the indentation of the line
    // before (an entry's, a key's, also `key:` alone), unless that line ends in a quoted or flow value.
    // A plain word: "Unexpected token".
    if (!/^[-'"[{]/.test(content)) return 'Unexpected token';
    // (Lines of blanks, a tab among them, are empty lines: the line before is the one above them.)
    let previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    while (previousStart > 0 && /^[ \t]*\r?\n/.test(text.slice(previousStart, lineStart))) previousStart = text.lastIndexOf('\n', previousStart - 2) + 1;
    const previous = text.slice(previousStart, Math.max(previousStart, lineStart - 1)).replace(/\r$/, '');
    if (/["'\]}]\s*(#.*)?$/.test(previous)) return 'Unexpected token';
    const expected = /^ */.exec(previous)?.[0].length ?? 0;
    return spaces.length >= expected ? undefined : 'Unexpected token';
  }
  if (code !== 'BLOCK_AS_IMPLICIT_KEY' && code !== 'MULTILINE_IMPLICIT_KEY') return undefined;
  if (lineEnd < 0) return undefined;
  const keyIndent = /^( *)[^\s#][^:]*:[ \t]/.exec(line)?.[1]?.length;
  if (keyIndent === undefined) return undefined;
  // (A value that opens with an explicit key, `k: ? x`: Bun stops on that line.)
  if (/^\?(?:[ \t]|$)/.test(text.slice(at, at + 2))) return undefined;
  // The first line after the value's own lines (blank ones, a tab among their blanks too, or indented
  // further with spaces only). One of them holding a pair ends the plain value: Bun stops there.
  let next: RegExpExecArray | null = null;
  for (let from = lineEnd + 1; from > 0 && from <= text.length; ) {
    const to = text.indexOf('\n', from);
    const candidate = text.slice(from, to < 0 ? text.length : to).replace(/\r$/, '');
    from = to < 0 ? -1 : to + 1;
    if (/^\s*$/.test(candidate)) continue;
    next = /^( *)\t[ \t]*(.*)$/.exec(candidate);
    if (next || (/^ */.exec(candidate)?.[0].length ?? 0) <= keyIndent) break;
    if (holdsPair(candidate)) return undefined;
  }
  if (!next || !ANY_KEY_CONTENT.test(next[2] ?? '')) return undefined;
  return (next[1] ?? '').length >= keyIndent ? 'Tab characters cannot be used as indentation' : undefined;
}

/**
 * The indentations of the maps open at the line starting at `lineStart`: the nearest key line's above
 * it, then each less indented key line's going up (lines that go on with a value are no level).
 * Undefined where a list entry or a tab-indented line makes it unsure.
 */
function openLevels(text: string, lineStart: number): number[] | undefined {
  const levels: number[] = [];
  for (let above = previousContentLine(text, lineStart); above !== undefined; above = previousContentLine(text, above.start)) {
    const lead = /^[ \t]*/.exec(above.text)?.[0] ?? '';
    if (lead.includes('\t') || /^[ \t]*-(?:[ \t]|$)/.test(above.text)) return undefined;
    if (!holdsPair(above.text)) continue;
    if (levels.length === 0 || lead.length < (levels.at(-1) ?? 0)) levels.push(lead.length);
    if (lead.length === 0) break;
  }
  return levels.length > 0 ? levels : undefined;
}
