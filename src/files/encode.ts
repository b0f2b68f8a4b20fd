/**
 * One encoding buffer for all writes and comparisons: a fresh Buffer per file made V8 collect a large
 * heap over and over. It grows (doubling) for a larger file and is never shrunk.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Encodes `content` as UTF-8 into the shared buffer (see encoded()) and returns its size in bytes. */
export function encode(content: string): number {
  const size = Buffer.byteLength(content, 'utf8');
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  return scratch.write(content, 0, 'utf8');
}

/**
 * The shared buffer, whose first bytes are the last encode()'s. encode() may replace it with a larger
 * one: take it only after encoding, and use it before the next encode().
 */
export const encoded = (): Buffer => scratch;
