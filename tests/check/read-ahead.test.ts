import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentText } from '../helpers/agent.js';
import { agentsmith, cleanEnv, tempDir } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

// The reader thread runs compiled code only: these tests use the build that `npm test` makes first.
const { ReadAhead, SLOTS, SLOT_BYTES, readAheadFor, readAheadFrom } = (await import(join(repoRoot, 'dist', 'src', 'files', 'read-ahead.js'))) as typeof import('../../src/files/read-ahead.js');

const COUNT = 300;

describe('ReadAhead', () => {
  let temp: ReturnType<typeof tempDir>;
  let paths: string[];
  beforeAll(() => {
    temp = tempDir();
    paths = Array.from({ length: COUNT }, (_, i) => join(temp.dir, `f${String(i).padStart(3, '0')}.md`));
    paths.forEach((path, i) => {
      // Sizes around the slot size, empty files, and one file missing.
      const size = i === 7 ? SLOT_BYTES : i === 8 ? SLOT_BYTES + 1 : i === 9 ? 3 * SLOT_BYTES : i % 50 === 0 ? 0 : 100 + i * 37;
      if (i !== 123) writeFileSync(path, Buffer.alloc(size, String.fromCharCode(97 + (i % 26))));
    });
  });
  afterAll(() => temp.cleanup());

  /**
   * Reads every file through a ReadAhead, once its thread runs; `readSelf` reads with readFileSync and
   * counts. After the first file (which starts the reader) it gives the reader `lead` ms to fill the ring.
   */
  async function readAll(stopAt = Infinity, lead = 0) {
    const ahead = new ReadAhead(paths);
    for (let waited = 0; !ahead.ready && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const selfRead: number[] = [];
    const bytes: (Buffer | string)[] = [];
    for (let i = 0; i < paths.length; i++) {
      if (i === 1 && lead > 0) await new Promise((resolve) => setTimeout(resolve, lead));
      if (i === stopAt) ahead.close();
      const readSelf = () => {
        selfRead.push(i);
        return readFileSync(paths[i] ?? '');
      };
      try {
        bytes.push(Buffer.from(ahead.read(i, readSelf)));
      } catch (error) {
        bytes.push((error as NodeJS.ErrnoException).code ?? 'error');
      }
    }
    ahead.close();
    return { bytes, selfRead };
  }

  it('gives every file its own bytes, in order, through more files than slots', async () => {
    expect(COUNT).toBeGreaterThan(2 * SLOTS);
    // With nothing to do between reads, this thread often gets to a file before the reader claims it,
    // and reads it itself: every file must still come once, with its own bytes.
    const { bytes, selfRead } = await readAll();
    paths.forEach((path, i) => {
      if (i === 123) expect(bytes[i]).toBe('ENOENT');
      else expect((bytes[i] as Buffer).equals(readFileSync(path))).toBe(true);
    });
    // What did not fit a slot, or could not be read, was read by the caller: errors keep their code.
    expect(selfRead).toEqual(expect.arrayContaining([8, 9, 123]));
    expect(new Set(selfRead).size).toBe(selfRead.length);
  });

  it('hands over what the reader read ahead: only what does not fit a slot is read by the caller', async () => {
    const { bytes, selfRead } = await readAll(Infinity, 300);
    paths.forEach((path, i) => {
      if (i !== 123) expect((bytes[i] as Buffer).equals(readFileSync(path))).toBe(true);
    });
    // The first file starts the reader; the ring's worth after it was read ahead, except 8 and 9 (too big)
    // and 123 (missing), which the reader hands back to be read here.
    expect(selfRead.filter((i) => i > 0 && i < SLOTS)).toEqual([8, 9, 123].filter((i) => i < SLOTS));
  });

  it('reads the rest itself once closed', async () => {
    const { bytes, selfRead } = await readAll(150);
    expect(selfRead.filter((i) => i >= 150)).toHaveLength(COUNT - 150);
    paths.forEach((path, i) => {
      if (i !== 123) expect((bytes[i] as Buffer).equals(readFileSync(path))).toBe(true);
    });
  });

  it('is used for large lists only, and not when AGENTSMITH_THREADS=1', () => {
    expect(readAheadFor(10)).toBe(false);
    expect(readAheadFor(10_000)).toBe(true);
    process.env.AGENTSMITH_THREADS = '1';
    try {
      expect(readAheadFor(10_000)).toBe(false);
    } finally {
      delete process.env.AGENTSMITH_THREADS;
    }
  });
});

describe('agentsmith check on a folder large enough to read ahead', () => {
  // (From 256 files, or 6,000 on 2 cores: see read-ahead.ts.)
  const files = Math.max(COUNT, readAheadFrom() + 50);
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    const agents = join(temp.dir, 'agents');
    mkdirSync(agents);
    for (let i = 0; i < files; i++) {
      const name = `agent-${String(i).padStart(5, '0')}`;
      let text: string | Buffer = agentText({ name });
      if (i === 10) text = agentText({ name, body: `You are big.\n\n${'word '.repeat(30_000)}\n` });
      if (i === 11) text = Buffer.alloc(2 * 1024 * 1024, 'x');
      if (i === 12) text = Buffer.concat([Buffer.from(agentText({ name })), Buffer.from([0xff, 0xfe])]);
      // Bodies in the shapes a byte-level reading must get right: headings, fences, line breaks.
      if (i === 13) text = agentText({ name, body: `You are many.\n\n${Array.from({ length: 250 }, (_, k) => `## Part ${k}`).join('\n')}\n` });
      if (i === 14) text = agentText({ name }).replace('\n', '\r\n');
      if (i > 20 && i % 7 === 3) text = agentText({ name }).replaceAll('\n', '\r\n');
      if (i > 20 && i % 11 === 5) text = agentText({ name, body: `You are präzise.\n\n## Über uns ##\n\n\`\`\`md\n## Not a heading\n\`\`\`\n\n## Zurück\u2028x\n\n~~~é\n# still code\n~~~\n## Ende\n` });
      writeFileSync(join(agents, `${name}.md`), text);
    }
  });
  afterAll(() => temp.cleanup());

  it('reports exactly what one thread reports', async () => {
    const run = (threads: string) =>
      agentsmith(['check', '--format', 'json', 'agents'], temp.dir, { env: cleanEnv({ AGENTSMITH_THREADS: threads }) });
    const [ahead, single] = await Promise.all([run(''), run('1')]);
    expect(String(ahead.stdout)).toBe(String(single.stdout));
    expect(ahead.exitCode).toBe(single.exitCode);
    const report = JSON.parse(String(ahead.stdout)) as { files: { path: string; diagnostics: { rule: string }[] }[] };
    expect(report.files).toHaveLength(files);
    expect(report.files[11]?.diagnostics.map((d) => d.rule)).toContain('file/unreadable');
    expect(report.files[12]?.diagnostics.map((d) => d.rule)).toContain('file/encoding');
    expect(report.files[10]?.diagnostics.map((d) => d.rule)).toContain('body/length');
  });
});
