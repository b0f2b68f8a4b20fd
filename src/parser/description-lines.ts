import { mapScalar, type ScalarStyle } from './scalar-source.js';
import { LineIndex } from './split.js';
import type { AgentDocument, Position } from './types.js';

// Positions in the file of offsets in `doc.description`, worked out one way for the parser's examples and
// the rules' tag problems, so both point at the same place.

type DescriptionSource = Pick<AgentDocument, 'fields' | 'frontmatterStart' | 'frontmatterText' | 'readMode'>;

/**
 * Where the description's text starts in the file and whether its line breaks are the file's: only a
 * literal block (`|`, its text from the line after the key) keeps them; other styles fold or escape them,
 * so every offset stays on the key's line.
 */
export function descriptionStart(doc: Pick<AgentDocument, 'fields' | 'frontmatterStart'>): { line: number; multiline: boolean } {
  const field = doc.fields.find((candidate) => candidate.key === 'description');
  const first = field?.valueLine ?? doc.frontmatterStart;
  const multiline = field?.valueType === 'BLOCK_LITERAL';
  return { line: multiline ? first + 1 : first, multiline };
}

/**
 * The file line of an offset in `text`, which starts on file line `line`: that line plus the line breaks
 * before the offset where `multiline`, else `line`. Counts from the previous offset asked for, either way
 * (offsets mostly come in increasing order; an example's line is asked after its closing tag's).
 */
export function lineCounter(text: string, line: number, multiline: boolean): (offset: number) => number {
  if (!multiline) return () => line;
  let at = line;
  let counted = 0;
  return (offset) => {
    if (offset >= counted) {
      for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) at++;
    } else {
      for (let i = counted - 1; i >= offset; i--) if (text.charCodeAt(i) === 10) at--;
    }
    counted = offset;
    return at;
  };
}

/**
 * The line and column in the file of an offset in `description` (the description as the client uses it,
 * its literal `\n` turned into line breaks): through that conversion, then through the value's quotes,
 * escapes and folded or indented lines back to where it is written. Worked out on the first call (most
 * descriptions are asked nothing). When the value cannot be traced back to its text, the line is counted
 * as descriptionStart says, at the column where the value starts (column 1 in a literal block).
 */
export function descriptionPositions(doc: DescriptionSource, description: string): (offset: number) => Position {
  let locate: ((offset: number) => Position) | undefined;
  return (offset) => (locate ??= locator(doc, description))(offset);
}

function locator(doc: DescriptionSource, description: string): (offset: number) => Position {
  const field = doc.fields.find((candidate) => candidate.key === 'description');
  const text = doc.frontmatterText;
  if (field && text !== undefined && typeof field.value === 'string') {
    const { value } = field;
    const start = offsetOf(text, field.valueLine - doc.frontmatterStart, field.valueColumn);
    let toSource: ((offset: number) => number) | undefined;
    if (start !== undefined) for (const style of stylesAt(text, start, doc.readMode)) toSource ??= mapScalar(text, start, value, style);
    if (toSource) {
      const index = new LineIndex(text);
      const toValue = throughNewlines(value);
      return (offset) => {
        const { line, column } = index.position(toSource(toValue(offset)));
        return { line: doc.frontmatterStart + line, column };
      };
    }
  }
  const { line, multiline } = descriptionStart(doc);
  const lines = lineCounter(description, line, multiline);
  const column = multiline ? 1 : (field?.valueColumn ?? 1);
  return (offset) => ({ line: lines(offset), column });
}

/** The offset in `text` of 1-based `line` and `column`, or undefined past its end. */
function offsetOf(text: string, line: number, column: number): number | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const at = start + column - 1;
  return at < text.length ? at : undefined;
}

/**
 * The styles the scalar written at `start` may have, from its first character. After the client's retry,
 * the rest of the line as written first: the retry quotes some lines whole (quotes as written included).
 */
function stylesAt(text: string, start: number, readMode: AgentDocument['readMode']): ScalarStyle[] {
  const first = text[start];
  const style: ScalarStyle = first === '"' ? 'double' : first === "'" ? 'single' : first === '|' ? 'literal' : first === '>' ? 'folded' : 'plain';
  return readMode === 'recovered' ? ['raw', style] : [style];
}

/**
 * Maps an offset in the description to one in the value it was made from: each `\n` (two characters) of
 * the value is one line break in the description.
 */
function throughNewlines(value: string): (offset: number) => number {
  // The description offsets of the line breaks that were `\n` in the value.
  const breaks: number[] = [];
  for (let i = value.indexOf('\\n'); i >= 0; i = value.indexOf('\\n', i + 2)) breaks.push(i - breaks.length);
  if (breaks.length === 0) return (offset) => offset;
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
}
