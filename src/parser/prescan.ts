import { isAscii } from 'node:buffer';
import { headingLines } from './body.js';
import { bodyStartInBytes } from './split.js';

/** A body's line breaks: whether it holds a CRLF, and a line feed without a carriage return before it. */
export interface LineBreaks {
  crlf: boolean;
  loneLf: boolean;
}

/**
 * What a reader thread finds in a file's bytes before the checker parses them (see ReadAhead): where
 * the body starts, whether it is all ASCII, its line breaks, and where its headings are. With it, the
 * checker reads only the heading lines of a body, not the whole body.
 */
export interface Prescan extends LineBreaks {
  /** bodyStartInBytes of the file: the prescan is used only where the checker finds the same. */
  cut: number;
  ascii: boolean;
  /** Per heading: its line's start and end offsets in the body's bytes and its line counted from 0. */
  headings: Int32Array;
}

/**
 * A prescan in shared memory: [filled, cut, flags, heading count, then 3 numbers per heading]. A body
 * with more headings than fit is left to the checker (filled stays 0).
 */
const MAX_HEADINGS = 200;
export const PRESCAN_INTS = 4 + 3 * MAX_HEADINGS;
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

/** Writes the prescan of a file's `bytes` into `out` at `at`; leaves it unfilled where there is none to make. */
export function writePrescan(bytes: Buffer, out: Int32Array, at: number): void {
  out[at] = 0;
  const cut = bodyStartInBytes(bytes);
  if (cut < 0) return;
  // As BytesBody reads a body: one byte per character, lines with other bytes decoded on their own.
  const scan = bytes.toString('latin1', cut);
  const lines = headingLines(scan, (from, to) => bytes.toString('utf8', cut + from, cut + to));
  if (lines.length > 3 * MAX_HEADINGS) return;
  const breaks = lineBreaksOf(scan);
  out[at + 1] = cut;
  out[at + 2] = (isAscii(bytes.subarray(cut)) ? ASCII : 0) | (breaks.crlf ? CRLF : 0) | (breaks.loneLf ? LONE_LF : 0);
  out[at + 3] = lines.length / 3;
  out.set(lines, at + 4);
  out[at] = 1;
}

/** A copy of the prescan at `at` (shared memory is reused for the next file), or undefined where there is none. */
export function readPrescan(ints: Int32Array, at: number): Prescan | undefined {
  if (ints[at] !== 1) return undefined;
  const flags = ints[at + 2] ?? 0;
  const count = ints[at + 3] ?? 0;
  return {
    cut: ints[at + 1] ?? -1,
    ascii: (flags & ASCII) !== 0,
    crlf: (flags & CRLF) !== 0,
    loneLf: (flags & LONE_LF) !== 0,
    headings: ints.slice(at + 4, at + 4 + 3 * count),
  };
}
