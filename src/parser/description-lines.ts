import type { AgentDocument } from './types.js';

// File lines of offsets in `doc.description`, counted one way for the parser's examples and the rules'
// tag problems, so both point at the same line.

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

/** The file line of an offset in `doc.description`, as the parser counts its examples' lines. */
export function descriptionLines(doc: AgentDocument): (offset: number) => number {
  const { line, multiline } = descriptionStart(doc);
  return lineCounter(doc.description ?? '', line, multiline);
}
