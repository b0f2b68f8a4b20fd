import type { Heading } from './types.js';

// Heading and fence lines, read by hand: the headings scan that checking runs on every file, and the
// line readers the section tree (body.ts) shares with it, so both agree on what is a heading or a fence.

/**
 * Only the headings, outside fenced code, with their lines: a scan that looks at a line only when it
 * starts with `#`, a backtick or a tilde. This is what checking needs, on every file.
 *
 * With `decode`, `body` is a one-byte reading of UTF-8 bytes (see BytesBody): a heading or fence line
 * holding a non-ASCII byte is read from `decode(from, to)`, the line's true text.
 */
export function headings(body: string, firstLine: number, decode?: (from: number, to: number) => string): Heading[] {
  const scan = new HeadingScan(body, decode);
  // The loop only finds line starts; the few lines that start (after up to 4 spaces) with '#', '`' or
  // '~' go to HeadingScan.line (kept out of the loop: this runs on every line of every file). One
  // indexOf per line finds the next line start natively and counts lines on the way: a regex finding the
  // candidate lines, such as /\n {0,4}[#`~]/g, reads every character and alone took as long as this
  // whole scan. The first character is tested here, not in a call: most lines start with something else.
  let line = firstLine;
  let start = 0;
  let end: number;
  while ((end = body.indexOf('\n', start)) !== -1) {
    const code = body.charCodeAt(start);
    if (code === 35 || code === 96 || code === 126 || (code === 32 && mayMatter(body, start))) scan.line(start, end, line);
    start = end + 1;
    line++;
  }
  if (start < body.length && mayMatter(body, start)) scan.line(start, body.length, line);
  return scan.found;
}

/** Whether the line at `start` starts, after up to 4 spaces, with '#' 35, '`' 96 or '~' 126. */
function mayMatter(body: string, start: number): boolean {
  const code = body.charCodeAt(start + leadingSpaces(body, start));
  return code === 35 || code === 96 || code === 126;
}

/** The state of a headings scan: what was found, and the fence the scan is in. */
class HeadingScan {
  readonly found: Heading[] = [];
  /** The open fence's marker (a run of 3 or more '`' or '~'). */
  private fence: string | undefined = undefined;

  constructor(
    private readonly body: string,
    private readonly decode: ((from: number, to: number) => string) | undefined,
  ) {}

  /** The line from `start` to `end` (its line break excluded). */
  line(start: number, end: number, line: number): void {
    const { body, decode } = this;
    const indent = leadingSpaces(body, start);
    const first = body.charCodeAt(start + indent);
    // A '#' line never closes a fence.
    if (first === 35) {
      if (this.fence !== undefined) return;
      const heading =
        decode && !isAsciiLine(body, start, end)
          ? headingOfLine(decode(start, end))
          : headingOf(body, start, body.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end);
      if (heading) {
        heading.line = line;
        this.found.push(heading);
      }
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
export function headingOf(text: string, from = 0, to = text.length): Heading | undefined {
  let at = from;
  while (at < from + 3 && at < to && text.charCodeAt(at) === 32) at++;
  const hashes = at;
  while (at < to && text.charCodeAt(at) === 35) at++;
  const level = at - hashes;
  if (level < 1 || level > 6 || at >= to) return undefined;
  const gap = text.charCodeAt(at);
  if (gap !== 32 && gap !== 9) return undefined;
  while (at < to && isBlank(text.charCodeAt(at))) at++;
  let end = to;
  for (let i = at; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 || code === 0x2028 || code === 0x2029) return undefined;
  }
  while (end > at && isBlank(text.charCodeAt(end - 1))) end--;
  while (end > at && text.charCodeAt(end - 1) === 35) end--;
  while (end > at && isBlank(text.charCodeAt(end - 1))) end--;
  return { level, title: text.slice(at, end), line: 0 };
}

const isBlank = (code: number): boolean => code === 32 || code === 9;
