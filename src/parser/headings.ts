import type { Heading } from './types.js';

// Heading and fence lines, read by hand: the headings scan that checking runs on every file, and the
// line readers the section tree (body.ts) shares with it, so both agree on what is a heading or a fence.

/**
 * Only the headings, outside fenced code: a scan that looks only at lines that start (after up to 3
 * spaces) with '#', "```" or "~~~". This is what checking needs, on every file.
 *
 * With `decode`, `body` is a one-byte reading of UTF-8 bytes (see BytesBody): a heading or fence line
 * holding a non-ASCII byte is read from `decode(from, to)`, the line's true text.
 */
export function headings(body: string, firstLine: number, decode?: (from: number, to: number) => string): Heading[] {
  const scan = new HeadingScan(body, decode, new LineNumbers(body, firstLine));
  // The next '#', "```" and "~~~" are found natively, and only a line starting with one of them is read:
  // about 50 searches for a body of 190 lines, where one indexOf per line (to look at each line's first
  // character) cost twice the time. A fence needs three markers, so inline `code` is passed over; a
  // mark that does not start its line is passed over too. Line numbers are counted only for the
  // headings a rule reports (LineNumbers).
  let hash = body.indexOf('#');
  let ticks = body.indexOf('```');
  let tildes = body.indexOf('~~~');
  for (;;) {
    let at = hash;
    if (at === -1 || (ticks !== -1 && ticks < at)) at = ticks;
    if (at === -1 || (tildes !== -1 && tildes < at)) at = tildes;
    if (at === -1) break;
    let start = at;
    while (start > 0 && at - start < 4 && body.charCodeAt(start - 1) === 32) start--;
    let next = at + 1;
    if (start === 0 || body.charCodeAt(start - 1) === 10) {
      const end = body.indexOf('\n', at);
      next = end === -1 ? body.length : end + 1;
      scan.line(start, end === -1 ? body.length : end);
    }
    if (hash !== -1 && hash < next) hash = body.indexOf('#', next);
    if (ticks !== -1 && ticks < next) ticks = body.indexOf('```', next);
    if (tildes !== -1 && tildes < next) tildes = body.indexOf('~~~', next);
  }
  return scan.found;
}

/** The line numbers of offsets in a body, counted forward from the last one asked (most checks ask none). */
class LineNumbers {
  /** A line start, and its number. */
  private at = 0;
  private line: number;

  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {
    this.line = firstLine;
  }

  of(offset: number): number {
    if (offset < this.at) {
      this.at = 0;
      this.line = this.firstLine;
    }
    const { text } = this;
    let end: number;
    while ((end = text.indexOf('\n', this.at)) !== -1 && end < offset) {
      this.line++;
      this.at = end + 1;
    }
    return this.line;
  }
}

/** A heading found by the scan: its line is counted when asked for (a getter: a spread copy has none). */
class ScannedHeading implements Heading {
  readonly #lines: LineNumbers;
  readonly #start: number;

  constructor(
    readonly level: number,
    readonly title: string,
    lines: LineNumbers,
    start: number,
  ) {
    this.#lines = lines;
    this.#start = start;
  }

  get line(): number {
    return this.#lines.of(this.#start);
  }

  toJSON(): { level: number; title: string; line: number } {
    return { level: this.level, title: this.title, line: this.line };
  }
}

/** The state of a headings scan: what was found, and the fence the scan is in. */
class HeadingScan {
  readonly found: Heading[] = [];
  /** The open fence's marker (a run of 3 or more '`' or '~'). */
  private fence: string | undefined = undefined;
  /**
   * Whether a line may hold a \r (other than its last character), U+2028 or U+2029, which no heading
   * may: most bodies hold none, said by three native searches (instant for the two in a one-byte string).
   */
  private readonly breaks: boolean;

  constructor(
    private readonly body: string,
    private readonly decode: ((from: number, to: number) => string) | undefined,
    private readonly lines: LineNumbers,
  ) {
    this.breaks = body.includes('\r') || body.includes('\u2028') || body.includes('\u2029');
  }

  /** The line from `start` to `end` (its line break excluded). */
  line(start: number, end: number): void {
    const { body, decode } = this;
    const indent = leadingSpaces(body, start);
    const first = body.charCodeAt(start + indent);
    // A '#' line never closes a fence.
    if (first === 35) {
      if (this.fence !== undefined) return;
      const heading =
        decode && !isAsciiLine(body, start, end)
          ? headingOfLine(decode(start, end))
          : headingOf(body, start, body.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end, this.breaks);
      if (heading) this.found.push(new ScannedHeading(heading.level, heading.title, this.lines, start));
    } else if (first === 96 || first === 126) {
      // The line is read in place, without a trailing \r; the leading spaces are ASCII, so `indent` holds
      // in the decoded text too.
      let text = body;
      let from = start;
      let to = end;
      if (decode && !isAsciiLine(body, start, end)) {
        text = decode(start, end);
        from = 0;
        to = text.length;
      }
      if (to > from && text.charCodeAt(to - 1) === 13) to--;
      if (this.fence !== undefined) {
        if (indent <= 3 && closesFence(text, from + indent, to, this.fence)) this.fence = undefined;
      } else if (indent <= 3) {
        this.fence = fenceMarker(text, from + indent, to);
      }
    }
  }
}

/**
 * Whether the fence line `text` (from `at`, after at most 3 spaces, to `to`) closes the fence `marker`:
 * the marker, then only '`' and '~', then only white space. More indent makes it code (CommonMark),
 * in the tree and in the scan alike. Read by hand: no strings made, on every fence of every file.
 */
export function closesFence(text: string, at: number, to: number, marker: string): boolean {
  if (!text.startsWith(marker, at)) return false;
  let i = at + marker.length;
  while (i < to && isFenceChar(text.charCodeAt(i))) i++;
  for (; i < to; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The marker of a fence opened by the line `text` (from its first non-space `at`, after at most 3
 * spaces, to `to`), else undefined: the first group of /^ {0,3}(`{3,}|~{3,})(.*)$/, read by hand (the
 * tree and the scan both open fences here): a run of 3 or more of the same '`' or '~', then no \r,
 * U+2028 or U+2029 (what the regex's '.' does not match).
 */
export function fenceMarker(text: string, at: number, to: number): string | undefined {
  const code = text.charCodeAt(at);
  let i = at + 1;
  while (i < to && text.charCodeAt(i) === code) i++;
  if (i - at < 3) return undefined;
  for (let j = i; j < to; j++) {
    const rest = text.charCodeAt(j);
    if (rest === 13 || rest === 0x2028 || rest === 0x2029) return undefined;
  }
  return text.slice(at, i);
}

export const isFenceChar = (code: number): boolean => code === 96 || code === 126;

/** Whether String.prototype.trim removes this character (ASCII tested here, the rest by trim itself). */
const isTrimmed = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || (code > 0x7f && String.fromCharCode(code).trim() === '');

const headingOfLine = (line: string): Heading | undefined => headingOf(line, 0, line.endsWith('\r') ? line.length - 1 : line.length);

function isAsciiLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function leadingSpaces(text: string, start: number): number {
  let count = 0;
  while (count < 4 && text.charCodeAt(start + count) === 32) count++;
  return count;
}

/**
 * A heading line, read by hand. It means the regex /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/ (a test
 * compares the two), whose lazy title is retried at every character: it was the hot spot of checking.
 * Up to 3 spaces, 1-6 '#', a space or tab, then the title without its trailing blanks, '#'s and blanks.
 * Like the regex's '.', the line must not hold \r, U+2028 or U+2029. `from` and `to` bound the line in `text`.
 */
export function headingOf(text: string, from = 0, to = text.length, breaks = true): Heading | undefined {
  // (Stepping forward at least once, like trimmedBack below: an indented heading is rare.)
  let at = from - 1;
  do at++;
  while (at < from + 3 && at < to && text.charCodeAt(at) === 32);
  const hashes = at;
  while (at < to && text.charCodeAt(at) === 35) at++;
  const level = at - hashes;
  if (level < 1 || level > 6 || at >= to) return undefined;
  const gap = text.charCodeAt(at);
  if (gap !== 32 && gap !== 9) return undefined;
  while (at < to && isBlank(text.charCodeAt(at))) at++;
  // (`breaks` false: the text holds none of these, which the caller knows.)
  if (breaks) {
    for (let i = at; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 || code === 0x2028 || code === 0x2029) return undefined;
    }
  }
  const end = trimmedBack(text, at, trimmedBack(text, at, trimmedBack(text, at, to, false), true), false);
  return { level, title: text.slice(at, end), line: 0 };
}

/**
 * Where `text` up to `end` ends without its trailing blanks (or '#'s), not before `at`. Every call steps
 * back at least once, so its operations have type feedback on any title: with a `while (...) end--` that
 * only a title ending in '#' runs, the first such heading threw V8's optimized headingOf away.
 */
function trimmedBack(text: string, at: number, end: number, hashes: boolean): number {
  let i = end;
  do i--;
  while (i >= at && (hashes ? text.charCodeAt(i) === 35 : isBlank(text.charCodeAt(i))));
  return i + 1;
}

const isBlank = (code: number): boolean => code === 32 || code === 9;
