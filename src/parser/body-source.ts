import { isAscii, isUtf8 } from 'node:buffer';
import { headings } from './headings.js';
import { isAsciiSpace } from './split.js';
import type { Heading } from './types.js';

/**
 * A file's body, as the parser and the rules need it. Checking needs only the headings and a few
 * facts (length, opening words); the whole text is decoded when something asks for it.
 */
export interface BodySource {
  /** The body as written. */
  readonly text: string;
  /** A string with the body's line breaks and ASCII characters at the same offsets (for scans). */
  readonly scan: string;
  headings(firstLine: number): Heading[];
  /** Bounds of `text.trim().length`, equal when exact. */
  readonly length: { min: number; max: number };
  /** `text.trim().length`. */
  trimmedLength(): number;
  /** The first `units` UTF-16 units of the body after its leading white space. */
  opening(units: number): string;
  /** The opening, or a one-byte reading of it where that is cheaper (see AgentDocument.bodyOpeningScan). */
  openingScan(units: number): string;
}

/** A body that is already text. */
export class TextBody implements BodySource {
  constructor(readonly text: string) {}
  get scan(): string {
    return this.text;
  }
  headings(firstLine: number): Heading[] {
    return headings(this.text, firstLine);
  }
  get length(): { min: number; max: number } {
    const length = this.text.trim().length;
    return { min: length, max: length };
  }
  trimmedLength(): number {
    return this.text.trim().length;
  }
  opening(units: number): string {
    return this.text.trimStart().slice(0, units);
  }
  openingScan(units: number): string {
    return this.opening(units);
  }
}

/**
 * A body still in the file's bytes (from `start`; bytesBodyStart says when that split is exact).
 * Headings are found in a Latin-1 reading of the bytes: one byte per character, so every string is
 * one-byte for V8 and offsets are byte offsets. Non-ASCII text in UTF-8 reads as two-byte strings,
 * about twice the memory and slower to scan; 40% of the corpus has some. Lines that matter (headings,
 * fences) and hold non-ASCII bytes are decoded as UTF-8 on their own.
 *
 * The bytes must stay as they are while the body is in use (a reader's reused buffer is fine while
 * the document is checked, before the next read).
 */
export class BytesBody implements BodySource {
  #text: string | undefined;
  #scan: string | undefined;
  /** Whether the body is all ASCII, found out on first use (by the headings scan). */
  #ascii: boolean | undefined;

  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
  ) {}

  private get ascii(): boolean {
    return (this.#ascii ??= isAscii(this.bytes.subarray(this.start)));
  }

  get text(): string {
    return (this.#text ??= this.ascii ? this.scan : this.bytes.toString('utf8', this.start));
  }

  get scan(): string {
    return (this.#scan ??= this.bytes.toString('latin1', this.start));
  }

  // Lines holding a non-ASCII byte are decoded on their own (the scan tests each line it reads); in an
  // ASCII body (six in ten) none does, which one native test of the bytes says for all its lines.
  headings(firstLine: number): Heading[] {
    if (this.ascii) return headings(this.scan, firstLine);
    return headings(this.scan, firstLine, (from, to) => this.bytes.toString('utf8', this.start + from, this.start + to));
  }

  get length(): { min: number; max: number } {
    const end = this.trimmedEnd();
    const size = end - this.start;
    // It may end in white space beyond ASCII (U+00A0, U+3000…): only the text can say.
    if ((this.bytes[end - 1] as number) >= 0x80) return new TextBody(this.text).length;
    if (this.#ascii) return { min: size, max: size };
    // Each UTF-16 unit takes 1 to 3 bytes (a pair takes 4), also for replacement characters. These
    // bounds are all the length rule needs for most bodies that are not ASCII (the headings scan, run
    // when the document is made, has found out whether it is): they are not read a second time.
    return { min: Math.ceil(size / 3), max: size };
  }

  // Bodies over the length limit are measured here: 874 of the 10k corpus copies hold other than ASCII,
  // and decoding one (about 15 KB) took 20 µs where counting its bytes takes 6.
  trimmedLength(): number {
    if (this.#text !== undefined) return this.#text.trim().length;
    const { bytes, start } = this;
    const end = this.trimmedEnd();
    if ((bytes[end - 1] as number) >= 0x80) return this.text.trim().length;
    if (this.#ascii) return end - start;
    const part = bytes.subarray(start, end);
    if (isAscii(part)) return end - start;
    // Invalid bytes become U+FFFD, one for each maximal bad sequence: only decoding can count those.
    return isUtf8(part) ? utf16Length(bytes, start, end) : this.text.trim().length;
  }

  /** Where the body ends without its trailing ASCII white space. */
  private trimmedEnd(): number {
    const { bytes, start } = this;
    let end = bytes.length;
    while (end > start && isAsciiSpace(bytes[end - 1] as number)) end--;
    return end;
  }

  // A body read from bytes starts with no white space (see bodyStartInBytes).
  opening(units: number): string {
    const end = this.openingEnd(units);
    return end < 0 ? this.plainOpening(units) : this.bytes.toString('utf8', this.start, end).slice(0, units);
  }

  // The scan's characters for the opening's: where its `units` UTF-16 units end in the bytes is counted
  // (in valid UTF-8), not decoded. A third of the 10k corpus copies open with other than ASCII.
  openingScan(units: number): string {
    let end = this.openingEnd(units);
    if (end < 0) return this.plainOpening(units);
    const { bytes, start } = this;
    // Back to where a character starts (at most 3 bytes: the window still holds `units` units), so that
    // valid UTF-8 reads as such; invalid bytes, which decode to U+FFFD each, are decoded.
    while (end > start && end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    if (!isUtf8(bytes.subarray(start, end))) return this.opening(units);
    // A stretch of k bytes holds at most k units, or k + 1 when it ends inside a four-byte character:
    // then the last character is half in the opening, its bytes all from U+0080 up in the scan.
    let at = start;
    let count = 0;
    while (count < units && at < end) {
      const step = Math.min(units - count, end - at);
      count += utf16Length(bytes, at, at + step);
      at += step;
    }
    return this.scan.slice(0, at - start);
  }

  /**
   * Where the bytes that hold the first `units` units end: at most 3 * units bytes (a four-byte character
   * makes two units), plus a character's margin; -1 when the opening needs no bytes read (see plainOpening).
   */
  private openingEnd(units: number): number {
    if (this.#text !== undefined) return -1;
    const end = Math.min(this.bytes.length, this.start + 3 * units + 3);
    return this.#ascii || isAscii(this.bytes.subarray(this.start, end)) ? -1 : end;
  }

  /** The opening from the decoded text, or from the scan when its bytes are ASCII (then the same characters). */
  private plainOpening(units: number): string {
    return (this.#text ?? this.scan).slice(0, units);
  }
}

const EMPTY_WORDS = new Uint32Array(0);

/** Bit 7 of each byte of `mask` (no other bits set), counted. */
const byteFlags = (mask: number): number => Math.imul((mask >>> 7) & 0x01010101, 0x01010101) >>> 24;

/**
 * The UTF-16 length of valid UTF-8 `bytes[from, to)`: one unit per byte that starts a character (not
 * 10xxxxxx), one more for each four-byte character (11110xxx). Four bytes at a time, through a view of
 * the aligned words: mostly ASCII text skips a word with one test.
 */
export function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  let units = to - from;
  let i = from;
  // Both counts are added on every byte, as 0 or 1: a `units++` that only a four-byte character runs had
  // no type feedback when V8 optimized this, and the first emoji threw the optimized code away.
  const countByte = (byte: number): void => {
    units += (byte >= 0xf0 ? 1 : 0) - ((byte & 0xc0) === 0x80 ? 1 : 0);
  };
  for (; i < to && ((bytes.byteOffset + i) & 3) !== 0; i++) countByte(bytes[i] as number);
  // A range that ends before its first aligned word has no words (and no view: its offset is unaligned).
  const count = (to - i) >>> 2;
  const words = count > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, count) : EMPTY_WORDS;
  for (let k = 0; k < count; k++) {
    const word = words[k] as number;
    if ((word & 0x80808080) === 0) continue;
    // Bit 7 set and bit 6 clear: a continuation byte; bits 7 to 4 set: a four-byte character's first.
    units -= byteFlags(word & ~(word << 1) & 0x80808080);
    units += byteFlags(word & (word << 1) & (word << 2) & (word << 3) & 0x80808080);
  }
  for (i += count * 4; i < to; i++) countByte(bytes[i] as number);
  return units;
}
