/**
 * Splits a file into frontmatter and body exactly as the client does: a leading BOM is dropped, the file
 * must start with `---`, and the block ends at the first `---` that follows, even in the middle of a line.
 */
const FENCED = /^---\s*\n([\s\S]*?)---\s*\n?/;
const OPENING = /^---\s*\n/;

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

export function splitFrontmatter(input: string): Split {
  const hasBom = input.charCodeAt(0) === 0xfeff;
  const text = hasBom ? input.slice(1) : input;
  const match = text.indexOf('---', 3) < 0 ? null : FENCED.exec(text);
  if (!match) {
    return { hasBom, text, frontmatterOffset: 0, closeOffset: 0, body: text, bodyOffset: 0 };
  }
  const frontmatter = match[1] ?? '';
  // The opening `---\s*\n` is greedy, so the block starts after the last newline of the white space run.
  const open = OPENING.exec(text)?.[0].length ?? 4;
  return {
    hasBom,
    text,
    frontmatter,
    frontmatterOffset: open,
    closeOffset: open + frontmatter.length,
    body: text.slice(match[0].length),
    bodyOffset: match[0].length,
  };
}

/** Maps offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
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
