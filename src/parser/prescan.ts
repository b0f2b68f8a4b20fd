import { isAscii } from 'node:buffer';
import { headings } from './body.js';
import { bodyStartInBytes } from './split.js';
import type { Heading } from './types.js';

/** A body's line breaks: whether it holds a CRLF, and a line feed without a carriage return before it. */
export interface LineBreaks {
  crlf: boolean;
  loneLf: boolean;
}

/**
 * What a reader thread finds in a file's bytes before the checker parses them (see ReadAhead): where
 * the body starts, whether it is all ASCII, its line breaks, and its headings. With it, the checker
 * reads nothing of a body's text to check it (the headings scan was most of a body's cost).
 */
export interface Prescan extends LineBreaks {
  /** bodyStartInBytes of the file: the prescan is used only where the checker finds the same. */
  cut: number;
  ascii: boolean;
  /** The body's headings, outside code blocks, with lines counted from 0 (fresh objects). */
  headings: Heading[];
}

/**
 * Each slot's prescan in shared memory: numbers [filled, cut, flags, heading count, title bytes, then
 * a level and a line per heading], then the titles as UTF-8, one per line. A body with more headings or
 * title bytes than fit is left to the checker (filled stays 0).
 */
const MAX_HEADINGS = 200;
const HEADER = 5;
const TITLE_BYTES = 8192;
const TITLES_AT = 4 * (HEADER + 2 * MAX_HEADINGS);
/** Bytes of shared memory per slot (a multiple of 4). */
export const PRESCAN_BYTES = TITLES_AT + TITLE_BYTES;
const ASCII = 1;
const CRLF = 2;
const LONE_LF = 4;

const LONE_LF_PATTERN = /(^|[^\r])\n/;

/** The line breaks of `text` (a body, or a one-byte reading of its bytes). */
export function lineBreaksOf(text: string): LineBreaks {
  const crlf = text.indexOf('\r\n') >= 0;
  // Without a CRLF, every line feed is a lone one.
  return { crlf, loneLf: crlf ? LONE_LF_PATTERN.test(text) : text.indexOf('\n') >= 0 };
}

/** Prescans in shared memory, one area per slot: the reader writes them, the checker reads them. */
export class PrescanArea {
  private readonly numbers: Int32Array;
  private readonly bytes: Buffer;

  constructor(readonly memory: SharedArrayBuffer) {
    this.numbers = new Int32Array(memory);
    this.bytes = Buffer.from(memory);
  }

  static memoryFor(slots: number): SharedArrayBuffer {
    return new SharedArrayBuffer(slots * PRESCAN_BYTES);
  }

  /** Marks `slot` as holding no prescan (of the file now in it). */
  clear(slot: number): void {
    this.numbers[(slot * PRESCAN_BYTES) / 4] = 0;
  }

  /** Prescans a file's `bytes` into `slot`, or marks the slot as having none. */
  write(slot: number, bytes: Buffer): void {
    const at = (slot * PRESCAN_BYTES) / 4;
    const { numbers } = this;
    this.clear(slot);
    const cut = bodyStartInBytes(bytes);
    if (cut < 0) return;
    // As BytesBody reads a body: one byte per character, lines with other bytes decoded on their own.
    const scan = bytes.toString('latin1', cut);
    const found = headings(scan, 0, (from, to) => bytes.toString('utf8', cut + from, cut + to));
    if (found.length > MAX_HEADINGS) return;
    const titlesAt = slot * PRESCAN_BYTES + TITLES_AT;
    let length = 0;
    for (let k = 0; k < found.length; k++) {
      const { level, title, line } = found[k] as Heading;
      // A title holds no line break: one per line. (The room check counts 3 bytes per UTF-16 unit.)
      if (length + 3 * title.length + 1 > TITLE_BYTES) return;
      if (k > 0) this.bytes[titlesAt + length++] = 10;
      length += this.bytes.write(title, titlesAt + length, 'utf8');
      numbers[at + HEADER + 2 * k] = level;
      numbers[at + HEADER + 2 * k + 1] = line;
    }
    const breaks = lineBreaksOf(scan);
    numbers[at + 1] = cut;
    numbers[at + 2] = (isAscii(bytes.subarray(cut)) ? ASCII : 0) | (breaks.crlf ? CRLF : 0) | (breaks.loneLf ? LONE_LF : 0);
    numbers[at + 3] = found.length;
    numbers[at + 4] = length;
    numbers[at] = 1;
  }

  /** The prescan in `slot`, as fresh objects (the memory is reused for the next file), or undefined. */
  read(slot: number): Prescan | undefined {
    const at = (slot * PRESCAN_BYTES) / 4;
    const { numbers } = this;
    if (numbers[at] !== 1) return undefined;
    const flags = numbers[at + 2] as number;
    const count = numbers[at + 3] as number;
    const found: Heading[] = [];
    if (count > 0) {
      // All titles decoded at once, then split: one call into the decoder per file, not per heading.
      const titlesAt = slot * PRESCAN_BYTES + TITLES_AT;
      const titles = this.bytes.toString('utf8', titlesAt, titlesAt + (numbers[at + 4] as number)).split('\n');
      for (let k = 0; k < count; k++) {
        found.push({ level: numbers[at + HEADER + 2 * k] as number, title: titles[k] ?? '', line: numbers[at + HEADER + 2 * k + 1] as number });
      }
    }
    return { cut: numbers[at + 1] as number, ascii: (flags & ASCII) !== 0, crlf: (flags & CRLF) !== 0, loneLf: (flags & LONE_LF) !== 0, headings: found };
  }
}
