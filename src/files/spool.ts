import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Closes a spool's file when its owner is collected (a check that is never closed leaks nothing). */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * Numbered byte chunks, filled one at a time, of which only the one being filled stays in memory (and a
 * smaller first one, when asked for: see the constructor): each full one is written to an unnamed
 * temporary file (created on the first, removed from its folder at once), and its buffer is filled
 * again. A chunk asked for later is read back, one cached at a time. A long check thus holds two chunks,
 * whatever its size. Without a usable temporary folder (or with a full disk), full chunks stay in memory
 * instead.
 */
export class Spool {
  /** Chunks kept in memory: the current one, and any the file could not take. */
  private kept: (Buffer | undefined)[] = [];
  /** File position and length of each written chunk. */
  private placed: [number, number][] = [];
  private fd: number | undefined;
  private size = 0;
  private cache: { index: number; bytes: Buffer } | undefined;
  private unusable = false;

  /**
   * `firstBytes`: the first chunk's size, when it is smaller. It stays in memory when full, and the
   * next are `chunkBytes`.
   */
  constructor(
    private readonly chunkBytes: number,
    private readonly firstBytes = chunkBytes,
  ) {}

  /** How many chunks there are; the last is the one being filled. */
  get count(): number {
    return this.kept.length;
  }

  /**
   * Starts a new chunk of at least `bytes` and returns it; the current one, `used` bytes of it, is
   * done. Its buffer is reused when the file took it.
   */
  start(bytes: number, used: number): Buffer {
    const current = this.kept.at(-1);
    const written = current !== undefined && current.length >= this.chunkBytes && this.write(this.kept.length - 1, current, used);
    const size = Math.max(current === undefined ? this.firstBytes : this.chunkBytes, bytes);
    const next = written && current.length >= size ? current : Buffer.allocUnsafeSlow(size);
    this.kept.push(next);
    return next;
  }

  /** Adds a chunk that is already full (a worker's), kept in memory. */
  adopt(chunk: Buffer): void {
    this.kept.push(chunk);
  }

  /** Chunk `index`, valid until the next `get` of another written chunk. */
  get(index: number): Buffer {
    const kept = this.kept[index];
    if (kept) return kept;
    if (this.cache?.index === index) return this.cache.bytes;
    const [position, length] = this.placed[index] ?? [0, 0];
    const bytes = this.cache && this.cache.bytes.length >= length ? this.cache.bytes : Buffer.allocUnsafeSlow(length);
    for (let read = 0; read < length; ) read += readSync(this.fd ?? -1, bytes, read, length - read, position + read);
    this.cache = { index, bytes };
    return bytes;
  }

  /** Writes chunk `index` to the file; false when it stays in memory. */
  private write(index: number, chunk: Buffer, length: number): boolean {
    if (this.unusable || !this.open()) return false;
    try {
      for (let written = 0; written < length; ) written += writeSync(this.fd ?? -1, chunk, written, length - written, this.size + written);
    } catch {
      this.unusable = true;
      return false;
    }
    this.placed[index] = [this.size, length];
    this.size += length;
    this.kept[index] = undefined;
    if (this.cache?.index === index) this.cache = undefined;
    return true;
  }

  private open(): boolean {
    if (this.fd !== undefined) return true;
    const path = join(tmpdir(), `agentsmith-${process.pid}-${Math.random().toString(36).slice(2)}.spool`);
    try {
      this.fd = openSync(path, 'wx+', 0o600);
    } catch {
      this.unusable = true;
      return false;
    }
    closer.register(this, this.fd);
    try {
      unlinkSync(path);
    } catch {
      // Where an open file cannot be removed (Windows), it is removed when the process ends.
      const fd = this.fd;
      process.once('exit', () => {
        try {
          closeSync(fd);
          unlinkSync(path);
        } catch {
          // gone already
        }
      });
    }
    return true;
  }
}
