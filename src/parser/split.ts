/**
 * Splits a file into frontmatter and body exactly as the client does (its pattern is
 * /^---\s*\n([\s\S]*?)---\s*\n?/ after dropping a BOM): the file must start with `---`, the block ends
 * at the first `---` that follows, even in the middle of a line, and all white space after that `---`
 * (blank lines included) is dropped before the body. Written as index scans: this runs on every file.
 */
const OPENING = /^---\s*\n/;
const SPACE = /\s/;

export interface Split {
  hasBom: boolean;
  /** The text without BOM. */
  text: string;
  /** undefined when the client sees no frontmatter. */
  frontmatter?: string;
  /** Offset of the frontmatter text in `text`. */
  frontmatterOffset: number;
  /** Offset of the closing fence in `text`. */
  closeOffset: number;
  body: string;
  bodyOffset: number;
}

/** Whether `text` (a BOM dropped) opens a frontmatter block: `---`, then only white space up to a line break. */
export function opensFrontmatter(text: string): boolean {
  return OPENING.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

export function splitFrontmatter(input: string): Split {
  const hasBom = input.charCodeAt(0) === 0xfeff;
  const text = hasBom ? input.slice(1) : input;
  const none: Split = { hasBom, text, frontmatterOffset: 0, closeOffset: 0, body: text, bodyOffset: 0 };
  if (!text.startsWith('---')) return none;
  const open = OPENING.exec(text)?.[0].length;
  if (open === undefined) return none;
  const close = text.indexOf('---', open);
  if (close < 0) return none;
  let bodyOffset = close + 3;
  while (bodyOffset < text.length && SPACE.test(text[bodyOffset] ?? '')) bodyOffset++;
  return {
    hasBom,
    text,
    frontmatter: text.slice(open, close),
    frontmatterOffset: open,
    closeOffset: close,
    body: text.slice(bodyOffset),
    bodyOffset,
  };
}

/** Maps offsets to 1-based line/column, over `text` up to `end` (the frontmatter is all that needs it). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string, end = text.length) {
    for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - (this.starts[line - 1] ?? 0) + 1 };
  }
}

/** ASCII white space, as JavaScript's `\s` reads it (tab, line feed, vertical tab, form feed, return, space). */
export const isAsciiSpace = (byte: number): boolean => byte === 32 || (byte >= 9 && byte <= 13);

/**
 * Where the body starts in a file's bytes, when the split can be made without decoding the body:
 * the file (after an optional BOM) opens with `---`, white space and a line break; a `---` closes the
 * block; and the white space after it is ASCII up to the body's first character. Then the bytes before
 * the offset decode to exactly the frontmatter part of the text, and those after it to exactly the
 * body (both cuts sit next to ASCII bytes, where UTF-8 decoding starts afresh). -1 when any of this
 * does not hold (non-ASCII white space, no frontmatter): the caller decodes the whole file.
 */
export function bodyStartInBytes(bytes: Buffer): number {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[start] !== 45 || bytes[start + 1] !== 45 || bytes[start + 2] !== 45) return -1;
  // The opening /^---\s*\n/: only ASCII white space up to a line feed.
  let at = start + 3;
  while (at < bytes.length && bytes[at] !== 10 && isAsciiSpace(bytes[at] as number)) at++;
  if (bytes[at] !== 10) return -1;
  // Only white space lies between the opening `---` and where the text search starts: the first
  // `---` after the opening is the first one after it in the text too.
  const close = bytes.indexOf(CLOSING, at);
  if (close < 0) return -1;
  let end = close + 3;
  while (end < bytes.length && isAsciiSpace(bytes[end] as number)) end++;
  return end < bytes.length && (bytes[end] as number) >= 0x80 ? -1 : end;
}

const CLOSING = Buffer.from('---');
