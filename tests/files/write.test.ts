import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFiles } from '../../src/files/plan.js';
import { writeAtomic } from '../../src/files/write.js';

const dir = mkdtempSync(join(tmpdir(), 'agentsmith-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomic', () => {
  // The encoding buffer starts at 64 KiB and grows: each size crosses it in a different way.
  it.each([10, 64 * 1024 - 1, 64 * 1024 + 1, 300_000, 1_500_000])('writes %i bytes exactly, small and large in turn', (size) => {
    const small = join(dir, `small-${size}.md`);
    const large = join(dir, `large-${size}.md`);
    // Multi-byte characters too: the byte count, not the string length, decides the buffer's size.
    const content = 'é'.repeat(Math.floor(size / 4)) + 'x'.repeat(size - 2 * Math.floor(size / 4));
    writeAtomic(small, 'short\n');
    writeAtomic(large, content);
    writeAtomic(small, 'short again\n');
    expect(readFileSync(large, 'utf8')).toBe(content);
    expect(readFileSync(small, 'utf8')).toBe('short again\n');
    expect(planFiles(dir, [{ fileName: `large-${size}.md`, content }], false)[0]?.action).toBe('unchanged');
  });
});
