/**
 * Where each character of a YAML scalar's value is written in the source. The value is rebuilt from the
 * source by the rules of the scalar's style (quotes, escapes, folded lines, block indentation), noting
 * where each piece came from; the map is kept only when the rebuilt value equals the value the engine read,
 * so a style read differently here than by the engine gives no map (the caller falls back), never a wrong one.
 */

/**
 * `raw`: a one-line value the client's retry wrapped in double quotes, so the value is the rest of the line
 * as written; the others are YAML's scalar styles.
 */
export type ScalarStyle = 'raw' | 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** Pieces of the rebuilt value, each a run of characters copied from the source from `sources[i]` on. */
class Rebuilt {
  private readonly parts: string[] = [];
  readonly starts: number[] = [];
  readonly sources: number[] = [];
  length = 0;

  constructor(private readonly source: string) {}

  /** Copies source[from, to) into the value. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.starts.push(this.length);
    this.sources.push(from);
    this.parts.push(this.source.slice(from, to));
    this.length += to - from;
  }

  /** Text that the source at `from` stands for (an escape, a folded line break), each character a piece of its own. */
  put(text: string, from: number): void {
    for (const char of text.split('')) {
      this.starts.push(this.length);
      this.sources.push(from);
      this.parts.push(char);
      this.length++;
    }
  }

  text(): string {
    return this.parts.join('');
  }

  /** The source offset of a value offset (past the end: just after the last piece). */
  sourceOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] as number;
    const length = (this.starts[lo + 1] ?? this.length) - start;
    return (this.sources[lo] as number) + Math.min(offset - start, length);
  }
}

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';
const isBreak = (char: string | undefined): boolean => char === '\n' || char === '\r';

/** The end of the line holding `at`: the offset of its line feed (or carriage return before one), or the text's end. */
function lineEnd(source: string, at: number): number {
  const feed = source.indexOf('\n', at);
  const end = feed < 0 ? source.length : feed;
  return end > at && source[end - 1] === '\r' ? end - 1 : end;
}

/** The offset after the line break at `at` (`\r\n`, `\n` or `\r`). */
const afterBreak = (source: string, at: number): number => (source[at] === '\r' && source[at + 1] === '\n' ? at + 2 : at + 1);

/**
 * From a line break at `at`, the folded line breaks: how many blank lines follow, and where the next line's
 * text starts (its leading blanks skipped).
 */
function fold(source: string, at: number): { blanks: number; next: number } {
  let blanks = 0;
  let next = afterBreak(source, at);
  for (;;) {
    while (isBlank(source[next])) next++;
    if (!isBreak(source[next])) return { blanks, next };
    blanks++;
    next = afterBreak(source, next);
  }
}

/** Where `from` would end after dropping trailing blanks before `to`. */
function trimmedEnd(source: string, from: number, to: number): number {
  while (to > from && isBlank(source[to - 1])) to--;
  return to;
}

/**
 * A map from offsets in `value` to offsets in `source`, for the scalar of `style` that starts at `start`
 * (at its quote, block indicator or first character), or undefined when the rebuilt value is not `value`.
 */
export function mapScalar(source: string, start: number, value: string, style: ScalarStyle): ((offset: number) => number) | undefined {
  const rebuilt = new Rebuilt(source);
  let ok: boolean;
  if (style === 'raw') {
    rebuilt.copy(start, lineEnd(source, start));
    ok = rebuilt.text() === value;
  } else if (style === 'literal' || style === 'folded') {
    ok = block(source, start, rebuilt, style === 'folded') && withoutFinalBreaks(rebuilt.text()) === withoutFinalBreaks(value);
  } else {
    const read = style === 'plain' ? plain(source, start, rebuilt, value.length) : quoted(source, start, rebuilt, style === 'double');
    ok = read && rebuilt.text() === value;
  }
  return ok ? (offset) => rebuilt.sourceOf(offset) : undefined;
}

const withoutFinalBreaks = (text: string): string => text.replace(/\n+$/, '');

/** A plain scalar: up to a comment or the line's end, then folded lines, until the value's length is reached. */
function plain(source: string, start: number, out: Rebuilt, length: number): boolean {
  let from = start;
  for (;;) {
    const end = lineEnd(source, from);
    let stop = end;
    for (let i = from + 1; i < end; i++) {
      if (source[i] === '#' && isBlank(source[i - 1])) {
        stop = i;
        break;
      }
    }
    const last = trimmedEnd(source, from, stop);
    out.copy(from, last);
    if (out.length >= length || stop < end || end >= source.length) return true;
    const { blanks, next } = fold(source, end);
    if (next >= source.length || source[next] === '#') return true;
    out.put(blanks === 0 ? ' ' : '\n'.repeat(blanks), last);
    from = next;
  }
}

/** The one-character escapes of a double-quoted scalar. */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A single- or double-quoted scalar, up to its closing quote. */
function quoted(source: string, start: number, out: Rebuilt, double: boolean): boolean {
  const quote = double ? '"' : "'";
  let run = start + 1;
  let at = run;
  while (at < source.length) {
    const char = source[at];
    if (char === quote && !double && source[at + 1] === "'") {
      // '' is one quote.
      out.copy(run, at + 1);
      run = at += 2;
    } else if (char === quote) {
      out.copy(run, at);
      return true;
    } else if (char === '\\' && double) {
      out.copy(run, at);
      const next = source[at + 1] ?? '';
      if (isBreak(next)) {
        // An escaped line break joins the lines; blank lines after it are line feeds.
        const { blanks, next: after } = fold(source, at + 1);
        out.put('\n'.repeat(blanks), at);
        run = at = after;
        continue;
      }
      const hex = HEX_LENGTH[next];
      if (hex !== undefined) {
        const digits = source.slice(at + 2, at + 2 + hex);
        if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== hex) return false;
        const code = Number.parseInt(digits, 16);
        if (code > 0x10ffff) return false;
        out.put(String.fromCodePoint(code), at);
        run = at += 2 + hex;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) return false;
      out.put(escaped, at);
      run = at += 2;
    } else if (isBreak(char)) {
      const last = trimmedEnd(source, run, at);
      out.copy(run, last);
      const { blanks, next } = fold(source, at);
      out.put(blanks === 0 ? ' ' : '\n'.repeat(blanks), last);
      run = at = next;
    } else at++;
  }
  return false;
}

/**
 * A literal (`|`) or folded (`>`) block scalar: its header, then the lines indented at least as far as the
 * first one (or as the header's indentation indicator says), without that indentation.
 */
function block(source: string, start: number, out: Rebuilt, folded: boolean): boolean {
  const header = /^[|>]([1-9])?[-+]?([1-9])?/.exec(source.slice(start, start + 3));
  const explicit = Number(header?.[1] ?? header?.[2] ?? 0);
  let from = afterBreak(source, lineEnd(source, start));
  if (from > source.length) return true;
  let indent = explicit;
  if (indent === 0) {
    // The first line with text sets the indentation.
    for (let at = from; at < source.length; at = afterBreak(source, lineEnd(source, at))) {
      const end = lineEnd(source, at);
      let text = at;
      while (source[text] === ' ') text++;
      if (text < end) {
        indent = text - at;
        break;
      }
    }
    if (indent === 0) return true;
  }
  let previous: 'normal' | 'more' | undefined;
  let blanks = 0;
  let breakAt = from;
  for (; from < source.length; from = afterBreak(source, lineEnd(source, from))) {
    const end = lineEnd(source, from);
    let text = from;
    while (text < end && source[text] === ' ') text++;
    // (A line of only spaces, more of them than the indentation, is text: those past it are kept.)
    if (text >= end && end - from <= indent) {
      blanks++;
      continue;
    }
    if (text - from < indent) break;
    const content = from + indent;
    const kind = isBlank(source[content]) ? 'more' : 'normal';
    if (folded) {
      if (previous === undefined) out.put('\n'.repeat(blanks), breakAt);
      else if (previous === 'normal' && kind === 'normal') out.put(blanks === 0 ? ' ' : '\n'.repeat(blanks), breakAt);
      else out.put('\n'.repeat(blanks + 1), breakAt);
    } else out.put('\n'.repeat(previous === undefined ? blanks : blanks + 1), breakAt);
    out.copy(content, end);
    previous = kind;
    blanks = 0;
    breakAt = end;
  }
  return true;
}
