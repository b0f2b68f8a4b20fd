import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from '../../src/files/spool.js';
import { FileResults } from '../../src/commands/results.js';

/** Fills `count` chunks of `size` bytes through a spool, each byte telling its chunk and offset apart. */
function fill(spool: Spool, count: number, size: number): { expected: Buffer[]; buffers: Set<Buffer> } {
  const expected: Buffer[] = [];
  const buffers = new Set<Buffer>();
  let chunk = spool.start(size, 0);
  for (let k = 0; k < count; k++) {
    if (k > 0) chunk = spool.start(size, size);
    buffers.add(chunk);
    for (let i = 0; i < size; i++) chunk[i] = (k * 31 + i * 7) & 0xff;
    expected.push(Buffer.from(chunk.subarray(0, size)));
  }
  return { expected, buffers };
}

describe('Spool', () => {
  const tmpdir = process.env.TMPDIR;
  afterEach(() => {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  });

  it('gives back every chunk as it was filled, in any order, while reusing one buffer for filling', () => {
    const spool = new Spool(4096);
    const { expected, buffers } = fill(spool, 6, 4096);
    expect(spool.count).toBe(6);
    expect(buffers.size).toBe(1);
    for (const k of [3, 0, 5, 1, 1, 4, 2, 0]) expect(spool.get(k).subarray(0, 4096).equals(expected[k] as Buffer)).toBe(true);
  });

  it('starts with a smaller first chunk, kept in memory, then fills full-size chunks and reuses one buffer', () => {
    const spool = new Spool(4096, 512);
    const first = spool.start(100, 0);
    expect(first.length).toBe(512);
    first.fill(7, 0, 512);
    const { expected, buffers } = fill(spool, 4, 4096);
    // fill's first start closes the first chunk with 0 bytes used; the first chunk keeps its bytes.
    expect(spool.count).toBe(5);
    expect(buffers.size).toBe(1);
    expect([...buffers][0]?.length).toBe(4096);
    expect(spool.get(0)).toBe(first);
    for (const k of [3, 0, 2, 1]) expect(spool.get(k + 1).subarray(0, 4096).equals(expected[k] as Buffer)).toBe(true);
    expect(spool.get(0).every((byte) => byte === 7)).toBe(true);
  });

  it('keeps chunks in memory when no temporary file can be made', () => {
    process.env.TMPDIR = '/nonexistent/agentsmith-no-such-folder';
    const spool = new Spool(1024);
    const { expected, buffers } = fill(spool, 4, 1024);
    expect(buffers.size).toBe(4);
    for (let k = 0; k < 4; k++) expect(spool.get(k).subarray(0, 1024).equals(expected[k] as Buffer)).toBe(true);
  });
});

describe('FileResults over many chunks', () => {
  it('reads back every file of a result set larger than a chunk, in order and by position', () => {
    const results = new FileResults();
    const message = (i: number) => `message ${i} ${'x'.repeat(400)} ✓`;
    const COUNT = 6000; // about 6 MB of records: several 1 MB chunks written to the spool
    for (let i = 0; i < COUNT; i++) {
      results.push({
        path: `f${i}.md`,
        verdict: 'loaded',
        name: `n${i}`,
        reason: null,
        diagnostics: [{ rule: 'name/format', severity: 'warning', message: message(i), line: i + 1, column: 2 }],
        nameAt: { line: 2, column: 1 },
        registeredName: `n${i}`,
      });
    }
    let i = 0;
    for (const file of results) {
      expect(file).toMatchObject({ path: `f${i}.md`, name: `n${i}` });
      expect(file.diagnostics[0]).toMatchObject({ message: message(i), line: i + 1 });
      i++;
    }
    expect(i).toBe(COUNT);
    for (const k of [5999, 0, 3000, 17, 4500]) expect(results.at(k).diagnostics[0]?.message).toBe(message(k));
    expect(results.warnings).toBe(COUNT);
  });
});
