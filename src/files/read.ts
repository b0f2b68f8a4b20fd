import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../parser/verdict.js';

/**
 * Reads files into one reused buffer: checking thousands of files then allocates no buffer per file,
 * which keeps memory flat. A file over the client's 1 MiB limit is read only up to the limit + 1 byte:
 * enough to know it is too large, whatever its size (a 10 GB file costs nothing). The returned view
 * is valid until the next read.
 */
export class FileReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  read(path: string): Buffer {
    const fd = openSync(path, 'r');
    try {
      // No fstat: read until the end (or just past the limit); the buffer grows, to the limit + 1 at
      // most, only for a large file.
      let length = 0;
      for (;;) {
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === this.buffer.length) {
          if (length > MAX_FILE_BYTES) break;
          const grown = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, MAX_FILE_BYTES + 1));
          this.buffer.copy(grown, 0, 0, length);
          this.buffer = grown;
        }
      }
      return this.buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }
}
