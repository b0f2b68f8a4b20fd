import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';

/**
 * Reads a file that must be a regular file (a spec, a config) as UTF-8. Reading a FIFO or a device would
 * block, or never end, so anything else is refused before it is opened: a folder with an error whose code
 * is EISDIR, a pipe, socket or device with ENOTREG. A system error (ENOENT, EACCES…) is thrown as the
 * system gave it, so that callers can word each case their own way. Bytes that are not UTF-8 (a spec saved
 * as Latin-1 or Windows-1252) are refused with the code EILSEQ, at the first bad byte: decoded, each would
 * become U+FFFD in every agent rendered from it, without a word.
 */
export function readRegularFile(path: string): string {
  const stat = statSync(path);
  if (stat.isDirectory()) throw coded('is a folder', 'EISDIR');
  if (!stat.isFile()) throw coded('not a regular file', 'ENOTREG');
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  const bad = firstBadByte(bytes, text);
  if (bad !== undefined) throw coded(`not valid UTF-8 (first bad byte at ${bad}); save it as UTF-8`, 'EILSEQ');
  return text;
}

/** Where the first byte that is not UTF-8 is (`line 3, column 12`), or undefined for UTF-8 bytes. */
export function firstBadByte(bytes: Buffer, text = bytes.toString('utf8')): string | undefined {
  if (isUtf8(bytes)) return undefined;
  // The first U+FFFD of the text is the first bad byte (unless the file holds a real U+FFFD before it).
  const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).replace(/^\uFEFF/, '').split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });
