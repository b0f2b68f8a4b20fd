import { describe, expect, it } from 'vitest';
import { FileResults, type CheckedFile } from '../../src/commands/results.js';
import type { Diagnostic } from '../../src/rules/index.js';

const diagnostic = (rule: string, message: string, line = 1, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({
  rule,
  severity,
  message,
  line,
  column: 1,
});

const loaded = (path: string, name: string, diagnostics: Diagnostic[] = []): CheckedFile => ({
  path,
  verdict: 'loaded',
  name,
  reason: null,
  diagnostics,
  nameAt: { line: 2, column: 1 },
  registeredName: name,
});

describe('FileResults', () => {
  it('gives back each file as it was stored, with its diagnostics in order', () => {
    const results = new FileResults();
    const first = loaded('a.md', 'a', [diagnostic('name/format', 'one', 2), diagnostic('load/skipped', 'two', 5, 'error')]);
    const second: CheckedFile = { path: 'b.md', verdict: 'skipped', name: null, reason: 'no description', diagnostics: [] };
    results.push(first);
    results.push(second);
    expect(results.length).toBe(2);
    expect([...results]).toEqual([
      { path: 'a.md', verdict: 'loaded', name: 'a', reason: null, diagnostics: first.diagnostics },
      { path: 'b.md', verdict: 'skipped', name: null, reason: 'no description', diagnostics: [] },
    ]);
    expect(results.errors).toBe(1);
    expect(results.warnings).toBe(1);
  });

  it('reports files in the order of their `order`, whatever order they were stored in', () => {
    const results = new FileResults();
    results.push(loaded('c.md', 'c'), 2);
    results.push(loaded('a.md', 'a'), 0);
    results.push(loaded('b.md', 'b'), 1);
    expect([...results].map((file) => file.path)).toEqual(['a.md', 'b.md', 'c.md']);
    expect([0, 1, 2].map((index) => results.pathAt(index))).toEqual(['a.md', 'b.md', 'c.md']);
    results.add(0, diagnostic('drift/spec', 'differs', 1, 'error'));
    expect(results.at(0).diagnostics.map((d) => d.rule)).toEqual(['drift/spec']);
    expect(results.at(2).diagnostics).toEqual([]);
    // A file stored later without an order goes last.
    results.push({ path: 'z.md', verdict: 'not-an-agent', name: null, reason: 'missing', diagnostics: [] });
    expect(results.at(3).path).toBe('z.md');
    expect(results.errors).toBe(1);
  });

  it("gives a file's verdict alone, at its report position, as the whole record has it", () => {
    const results = new FileResults();
    results.push({ path: 'b.md', verdict: 'skipped', name: null, reason: 'no description', diagnostics: [diagnostic('load/skipped', 'no', 1, 'error')] }, 1);
    results.push({ path: 'c.md', verdict: 'not-an-agent', name: null, reason: 'no name', diagnostics: [] }, 2);
    results.push(loaded('a.md', 'a', [diagnostic('name/format', 'one', 2)]), 0);
    expect([0, 1, 2].map((index) => results.verdictAt(index))).toEqual(['loaded', 'skipped', 'not-an-agent']);
    expect([0, 1, 2].map((index) => results.verdictAt(index))).toEqual([...results].map((file) => file.verdict));
  });

  it('marks every file of a shared name, after its own diagnostics, naming the others', () => {
    const results = new FileResults();
    results.push(loaded('x/api.md', 'api', [diagnostic('name/format', 'own')]));
    results.push(loaded('other.md', 'other'));
    results.push(loaded('y/api.md', 'api'));
    results.push({ path: 'dropped.md', verdict: 'skipped', name: null, reason: 'no description', diagnostics: [] });
    results.addDuplicateNames('error');
    expect(results.at(0).diagnostics).toEqual([
      diagnostic('name/format', 'own'),
      { rule: 'name/duplicate', severity: 'error', message: 'name "api" is also registered by y/api.md; Claude Code keeps only one of them: give each its own name (and file name).', line: 2, column: 1 },
    ]);
    expect(results.at(2).diagnostics[0]?.message).toContain('also registered by x/api.md;');
    expect(results.at(1).diagnostics).toEqual([]);
    expect(results.errors).toBe(2);
    expect(results.warnings).toBe(1);
  });

  it('shortens the list of other files past three', () => {
    const results = new FileResults();
    for (let i = 0; i < 6; i++) results.push(loaded(`f${i}.md`, 'same'));
    results.addDuplicateNames('warning');
    expect(results.at(0).diagnostics[0]?.message).toBe(
      'name "same" is also registered by f1.md, f2.md, f3.md and 2 more; Claude Code keeps only one of them: give each its own name (and file name).',
    );
    expect(results.warnings).toBe(6);
  });

  it('keeps one copy of a diagnostic many files share', () => {
    const results = new FileResults();
    for (let i = 0; i < 50; i++) results.push(loaded(`f${i}.md`, `n${i}`, [diagnostic('body/house-structure', `section "## ${'Output'}" is missing.`)]));
    expect(results.toData().records.table.filter((entry) => entry.message.startsWith('section'))).toHaveLength(1);
    expect([...results].every((file) => file.diagnostics[0]?.message === 'section "## Output" is missing.')).toBe(true);
  });

  it('writes a message only one file has inline, so it takes no table entry', () => {
    const results = new FileResults();
    results.push(loaded('a.md', 'a', [diagnostic('name/file-name', 'name "a" differs from the file name "x.md"; rename one of them.')]));
    results.push(loaded('b.md', 'b', [diagnostic('name/file-name', 'name "b" differs from the file name "y.md"; rename one of them.')]));
    expect(results.toData().records.table.some((entry) => entry.message.includes('differs'))).toBe(false);
    expect(results.at(1).diagnostics[0]?.message).toBe('name "b" differs from the file name "y.md"; rename one of them.');
  });

  it('stops looking up the messages of a rule whose first thousand were all new, and still gives every message back', () => {
    const results = new FileResults();
    // 1,200 messages of their own, then ones that repeat, under the same rule and under another.
    const message = (i: number): string => (i < 1200 ? `name "n" differs from the file name "f-${i}.md".` : `repeated ${i % 2}`);
    for (let i = 0; i < 1300; i++) results.push(loaded(`f-${i}.md`, 'n', [diagnostic('name/file-name', message(i)), diagnostic('body/length', `repeated ${i % 2}`)]));
    const table = results.toData().records.table;
    expect(table.filter((entry) => entry.rule === 'name/file-name')).toEqual([]);
    expect(table.filter((entry) => entry.rule === 'body/length')).toHaveLength(2);
    for (const i of [0, 1199, 1200, 1299]) expect(results.at(i).diagnostics.map((d) => d.message)).toEqual([message(i), `repeated ${i % 2}`]);
  });

  it('keeps any text, whatever its characters, exactly', () => {
    const results = new FileResults();
    const odd = 'emoji 🧪, accents é, NUL \u0000, U+2028 \u2028, lone surrogate \ud800'.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    results.push({ path: 'ö.md', verdict: 'skipped', name: null, reason: odd, diagnostics: [diagnostic('load/skipped', odd, 70_000)] });
    const [file] = [...results];
    expect(file?.reason).toBe(odd);
    expect(file?.diagnostics[0]).toMatchObject({ line: 70_000, message: odd });
  });

  it('takes the results of another store (a worker thread) with their orders', () => {
    const share = new FileResults();
    share.push(loaded('b.md', 'b', [diagnostic('name/format', 'x', 3)]), 1);
    share.push(loaded('d.md', 'd'), 3);
    const results = new FileResults();
    results.push(loaded('a.md', 'a'), 0);
    results.append(share.toData());
    results.push(loaded('c.md', 'c'), 2);
    expect([...results].map((file) => file.path)).toEqual(['a.md', 'b.md', 'c.md', 'd.md']);
    expect(results.at(1).diagnostics).toEqual([diagnostic('name/format', 'x', 3)]);
    expect(results.warnings).toBe(1);
  });
});

describe('the JSON report, streamed from the store', () => {
  it('is byte for byte what JSON.stringify prints for the same files, odd strings, duplicates and order included', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    const fc = (await import('fast-check')).default;
    // Strings that need escaping (quotes, backslashes, controls, a lone surrogate) and some that do not.
    const text = fc.oneof(
      fc.constantFrom('plain', 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', '\u0000nul', 'é ü 🧪', 'lone \ud800 half', '\u2028sep', 'del\u007f'),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const file = fc.record({
      path: text,
      kind: fc.constantFrom('loaded', 'skipped', 'not-an-agent'),
      name: fc.constantFrom('dup', 'solo', 'x"y'),
      reason: text,
      messages: fc.array(fc.tuple(fc.constantFrom('name/format', 'body/length', 'load/recovered'), text, fc.boolean(), fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 2_000_000 }))), { maxLength: 4 }),
      order: fc.nat(20),
    });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 8 }), fc.boolean(), fc.constantFrom('error', 'warning'), (files, drift, duplicates) => {
        const results = new FileResults();
        for (const f of files) {
          const diagnostics = f.messages.map(([rule, message, error, line]) => diagnostic(rule, message, line, error ? 'error' : 'warning'));
          const checked: CheckedFile =
            f.kind === 'loaded'
              ? { ...loaded(f.path, f.name, diagnostics) }
              : { path: f.path, verdict: f.kind as CheckedFile['verdict'], name: null, reason: f.reason, diagnostics };
          results.push(checked, f.order);
        }
        results.addDuplicateNames(duplicates as 'error' | 'warning');
        if (drift && results.length > 0) results.add(0, diagnostic('drift/spec', 'differs "here"', 1, 'error'));
        const summary = { files: results.length, errors: results.errors, warnings: results.warnings };
        const expected = `${JSON.stringify({ files: [...results], summary })}\n`;
        const written = Buffer.concat([...jsonChunks({ files: results, summary, ioProblems: [] })]).toString('utf8');
        expect(written).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact across its 64 KB chunks, for thousands of files with repeated and one-off messages', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    const results = new FileResults();
    for (let i = 0; i < 3000; i++) {
      const diagnostics = [
        diagnostic('body/length', 'the body has 12 characters; write at least 500.', 5, 'warning'),
        diagnostic('name/file-name', `name "n-${i % 700}" differs from the file name "f-${i}.md"; rename one of them.`, 2, 'warning'),
        diagnostic('field/unknown-key', i % 3 === 0 ? 'unknown key "x\ty"' : 'é 🧪 "quoted"', 7, 'error'),
      ];
      results.push(loaded(`/agents/f-${i}.md`, `n-${i % 700}`, diagnostics));
    }
    results.addDuplicateNames('error');
    const summary = { files: results.length, errors: results.errors, warnings: results.warnings };
    const chunks = [...jsonChunks({ files: results, summary, ioProblems: [] })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${JSON.stringify({ files: [...results], summary })}\n`);
  });
});

describe('ChunkMemory, the memory of report chunks', () => {
  it('fills a handed-on buffer again only once stdout says it holds nothing', async () => {
    const { ChunkMemory } = await import('../../src/report/chunks.js');
    let written = false;
    const memory = new ChunkMemory(() => written);
    const first = memory.next(1024);
    memory.handedOn(first);
    const second = memory.next(1024);
    expect(second).not.toBe(first);
    memory.handedOn(second);
    written = true;
    const third = memory.next(1024);
    expect([first, second]).toContain(third);
    // A free buffer too small for the request is not taken.
    memory.handedOn(third);
    expect(memory.next(4096).length).toBe(4096);
    // Without `written` (an Io that cannot say), every buffer is new.
    const plain = new ChunkMemory();
    const a = plain.next(16);
    plain.handedOn(a);
    expect(plain.next(16)).not.toBe(a);
  });

  it('never fills the memory of a JSON chunk again while the consumer still holds it', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    const { ChunkMemory } = await import('../../src/report/chunks.js');
    const results = new FileResults();
    for (let i = 0; i < 2000; i++) results.push(loaded(`/agents/f-${i}.md`, `n-${i}`, [diagnostic('body/length', `the body has ${i} characters.`, 2, 'warning')]));
    const summary = { files: results.length, errors: results.errors, warnings: results.warnings };
    // A consumer that writes chunks two at a time (a pipe that takes them in bursts), and says honestly
    // whether it still holds any.
    const held: Uint8Array[] = [];
    const out: Buffer[] = [];
    for (const chunk of jsonChunks({ files: results, summary, ioProblems: [] }, new ChunkMemory(() => held.length === 0))) {
      held.push(chunk);
      if (held.length === 2) out.push(...held.splice(0).map((bytes) => Buffer.from(bytes)));
    }
    out.push(...held.map((bytes) => Buffer.from(bytes)));
    expect(out.length).toBeGreaterThan(2);
    expect(Buffer.concat(out).toString('utf8') === `${JSON.stringify({ files: [...results], summary })}\n`).toBe(true);
  });

  it('gives the same JSON report when every chunk reuses memory as when none does', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    const { ChunkMemory } = await import('../../src/report/chunks.js');
    const results = new FileResults();
    for (let i = 0; i < 2000; i++) results.push(loaded(`/agents/f-${i}.md`, `n-${i % 300}`, [diagnostic('name/file-name', `name "n-${i % 300}" differs from "f-${i}.md".`, 2, 'warning')]));
    results.addDuplicateNames('error');
    const summary = { files: results.length, errors: results.errors, warnings: results.warnings };
    // Each chunk is copied as it comes (as stdout writes it), so reuse cannot change what was taken.
    const copied: Buffer[] = [];
    for (const chunk of jsonChunks({ files: results, summary, ioProblems: [] }, new ChunkMemory(() => true))) copied.push(Buffer.from(chunk));
    expect(copied.length).toBeGreaterThan(2);
    const same = Buffer.concat(copied).toString('utf8') === `${JSON.stringify({ files: [...results], summary })}\n`;
    expect(same).toBe(true);
  });
});
