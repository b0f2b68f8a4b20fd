/** A report's chunk size (the JSON writer hands its chunks on at this size too). */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Encodes the pieces of a report into chunks of about 64 KB, outside the JavaScript heap. Each piece is
 * copied into the chunk as soon as it is made, so pieces die young; a report kept as a growing string
 * until 64 KB lived long enough to be promoted, and 10,000 files' reports then grew the old heap by
 * the report's size.
 */
export function* inChunks(pieces: Iterable<string>, memory = new ChunkMemory()): Generator<Uint8Array> {
  let chunk = memory.next(CHUNK_BYTES);
  let used = 0;
  for (const piece of pieces) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (used + 3 * piece.length > chunk.length) {
      if (used > 0) {
        // The consumer may still hold the chunk (a pipe writes later): it is filled again only once written.
        const full = chunk;
        yield chunk.subarray(0, used);
        memory.handedOn(full);
        chunk = memory.next(CHUNK_BYTES);
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

/**
 * Memory for a report's chunks. A chunk handed to stdout may be held until it is written (a pipe writes
 * later); once stdout says it holds none (`written`, see Io), the chunks handed on are filled again
 * instead of taking new memory: a 10k JSON report is 14 MB, and new memory costs a page fault per 4 KB
 * on first touch (about 3,900 of them). Without `written`, every chunk is new memory.
 */
export class ChunkMemory {
  private free: Buffer[] = [];
  private handed: Buffer[] = [];

  constructor(private readonly written?: () => boolean) {}

  /** A buffer of at least `bytes` to fill. */
  next(bytes: number): Buffer {
    if (this.handed.length > 0 && this.written?.()) {
      this.free.push(...this.handed);
      this.handed = [];
    }
    const free = this.free.pop();
    return free !== undefined && free.length >= bytes ? free : Buffer.allocUnsafeSlow(bytes);
  }

  /** A buffer whose bytes were handed on (yielded as a chunk): it is not filled again until written. */
  handedOn(buffer: Buffer): void {
    this.handed.push(buffer);
  }
}
