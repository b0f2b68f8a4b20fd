/** A report's chunk size (the JSON writer hands its chunks on at this size too). */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Encodes the pieces of a report into chunks of about 64 KB, outside the JavaScript heap. Each piece is
 * copied into the chunk as soon as it is made, so pieces die young; a report kept as a growing string
 * until 64 KB lived long enough to be promoted, and 10,000 files' reports then grew the old heap by
 * the report's size.
 */
export function* inChunks(pieces: Iterable<string>): Generator<Uint8Array> {
  let chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let used = 0;
  for (const piece of pieces) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (used + 3 * piece.length > chunk.length) {
      if (used > 0) {
        // The consumer may still hold the chunk (a pipe writes later): the next one is new memory.
        yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
        used = 0;
      }
      if (3 * piece.length > chunk.length) {
        yield Buffer.from(piece, 'utf8');
        continue;
      }
    }
    used += chunk.write(piece, used, 'utf8');
  }
  if (used > 0) yield chunk.subarray(0, used);
}
