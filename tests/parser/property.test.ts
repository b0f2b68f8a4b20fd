import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allSections, parseAgentBytes, parseAgentFile, type AgentDocument, type Heading } from '../../src/parser/index.js';

/** Headings as plain values (the scan's count their line when read). */
const plain = (headings: readonly Heading[]) => headings.map(({ level, title, line }) => ({ level, title, line }));

const VERDICTS = ['loaded', 'skipped', 'not-an-agent'];
const READ_MODES = ['strict', 'recovered', 'none'];

/** Pieces that steer random text into the parser's corners: fences, YAML indicators, tags, line ends. */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('---', '---\n', '\n', '\r\n', '\t', ' ', ': ', '- ', '? ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a'),
  fc.constantFrom('!!binary ', '!tag ', '|', '>-', '#', '%YAML 1.2', '"', "'", '\\n', '\\', '@', '`', '\0', '\uFEFF'),
  fc.constantFrom('name: ', 'description: ', 'name: a', 'description: Use it', 'tools: ', 'hooks: ', 'PreToolUse: '),
  fc.constantFrom('<example>', '</example>', '<commentary>', '</commentary>', 'user: ', 'Context: ', '## ', '```', '1. **A**: b'),
);
const junk = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  junk,
  fc.tuple(junk, junk).map(([front, rest]) => `---\n${front}\n---\n${rest}`),
  fc.tuple(junk, junk).map(([front, rest]) => `---\nname: a\ndescription: d\n${front}---${rest}`),
);

function checkInvariants(text: string, doc: AgentDocument): void {
  expect(VERDICTS).toContain(doc.verdict.kind);
  expect(READ_MODES).toContain(doc.readMode);
  if (doc.verdict.kind === 'loaded') {
    expect(typeof doc.verdict.name).toBe('string');
    expect(doc.verdict.registeredName.length).toBeGreaterThan(0);
    expect(doc.readMode).not.toBe('none');
    expect(typeof doc.description).toBe('string');
  } else {
    expect(doc.verdict.reason.length).toBeGreaterThan(0);
  }
  if (doc.readMode === 'none') expect(doc.fields).toEqual([]);
  const lineCount = text.split('\n').length;
  expect(doc.bodyLine).toBeGreaterThanOrEqual(1);
  expect(doc.bodyLine).toBeLessThanOrEqual(lineCount);
  for (const field of doc.fields) {
    for (const n of [field.line, field.column, field.valueLine, field.valueColumn]) expect(n).toBeGreaterThanOrEqual(1);
    expect(field.line).toBeGreaterThan(doc.frontmatterStart);
    expect(field.line).toBeLessThanOrEqual(doc.frontmatterEnd);
  }
  for (const example of doc.examples) {
    expect(example.line).toBeGreaterThanOrEqual(1);
    expect(example.column).toBeGreaterThanOrEqual(1);
  }
  for (const tag of doc.unbalancedTags) expect(tag.line).toBeGreaterThanOrEqual(1);
  for (const heading of doc.headings) expect(heading.line).toBeGreaterThanOrEqual(doc.bodyLine);
  for (const section of allSections(doc.sections)) expect(section.line).toBeGreaterThanOrEqual(doc.bodyLine);
}

describe('parseAgentFile on arbitrary text', () => {
  it('never throws, always gives one of the three verdicts, and only positive positions', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkInvariants(text, parseAgentFile(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary bytes either, decoded as the client decodes them', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), junk.map((text) => new TextEncoder().encode(text)));
    fc.assert(
      fc.property(bytes, (data) => {
        checkInvariants(Buffer.from(data).toString('utf8'), parseAgentBytes(data));
      }),
      { numRuns: 800 },
    );
  });

  it('reads a file with a BOM exactly as the same file without it', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        fc.pre(!text.startsWith('\uFEFF'));
        const plain = parseAgentFile(text);
        const withBom = parseAgentFile(`\uFEFF${text}`);
        expect(withBom.hasBom).toBe(true);
        expect({ ...withBom, hasBom: false, body: withBom.body, sections: [] }).toEqual({ ...plain, body: plain.body, sections: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('lists the same headings in doc.headings as the section tree holds', () => {
    const bodyPiece = fc.constantFrom('# A', '## B', '### C', '   ## D', '    ## E', '#F', '```', '~~~', '````', '```js', ' ```', '    ```', '\t```', '\u00a0```', '- x', '1. y', 'text', '', '\r', '``', '~~', 'a ```', 'b # c', '   ~~~~', '  # G', '`` `', '##', '# ```');
    const body = fc.array(fc.oneof(bodyPiece, piece), { maxLength: 40 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(body, (text) => {
        const doc = parseAgentFile(`---\nname: a\ndescription: d\n---\n${text}`);
        const fromTree = allSections(doc.sections)
          .filter((section) => section.level > 0)
          .map(({ level, title, line }) => ({ level, title, line }));
        expect(plain(doc.headings)).toEqual(fromTree);
      }),
      { numRuns: 1000 },
    );
  });

  it('points every field position at the key as written, in strict and recovered blocks', () => {
    const key = fc.constantFrom('name', 'description', 'model', 'color', 'tools', 'x_y');
    const value = fc.oneof(junk, fc.constantFrom('Use: it', '"quoted"', '@at', '`tick`', '[a, b]', 'a # c', 'x\\ny'));
    const line = fc.tuple(fc.constantFrom('', '\t', ' '), key, fc.constantFrom(': ', ':  ', ':\t'), value);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (entries) => {
        const written = entries.map(([indent, k, sep, v]) => `${indent}${k}${sep}${v.replace(/[\r\n]|---/g, '')}`);
        const text = `---\n${written.join('\n')}\n---\n`;
        const doc = parseAgentFile(text);
        const fileLines = text.split('\n');
        for (const field of doc.fields) {
          expect(fileLines[field.line - 1]?.slice(field.column - 1).startsWith(field.key)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});

/** Byte pieces for the frontmatter/body split on bytes: non-ASCII white space, cut sequences, fences, headings. */
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytePiece = fc.oneof(
  fc.uint8Array({ maxLength: 8 }),
  fc.constantFrom('---', '--', '\n', '\r\n', '\r', ' ', '\t', '\v', '\f', '# T', '## Über ', '### x #', '  ## y', '```', '~~~', '```é', '    ```').map(utf8),
  fc.constantFrom('You are', 'your', 'é', '\u00a0', '\u3000', '\u2028', '\u2029', '\uFEFF', '😀', 'name: a', 'description: d', '<example>', '\\n').map(utf8),
  fc.constantFrom([0xc3], [0xe2, 0x80], [0xf0, 0x9f, 0x98], [0xff], [0xc2, 0xa0], [0xed, 0xa0, 0x80]).map((b) => Uint8Array.from(b)),
);
const bytesOf = (parts: Uint8Array[]): Buffer => Buffer.concat(parts);
/** Body lines made of pieces, joined by LF or CRLF: headings and fences then start lines. */
const bodyBytes = fc
  .tuple(fc.array(fc.array(bytePiece, { maxLength: 4 }), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, end]) => bytesOf(lines.flatMap((line, i) => (i === 0 ? line : [utf8(end), ...line]))));
const agentBytes = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '\uFEFF'),
        fc.constantFrom('---\n', '---\n', '---\r\n', '--- \t\n', '---\n\n', '---\u00a0\n', '---x\n', '---'),
        fc.array(bytePiece, { maxLength: 8 }),
        fc.constantFrom('---', '---\n', '---\n', '---\r\n\r\n', '---\nx', '--- \u00a0', '---\u3000x', '---\n\u2028'),
        bodyBytes,
      )
      .map(([bom, open, front, close, body]) => bytesOf([utf8(bom), utf8(open), utf8('name: a\ndescription: d\n'), ...front, utf8(close), body])),
  },
);

describe('parseAgentBytes', () => {
  it('reads any bytes exactly as parseAgentFile reads their UTF-8 decoding, body decoded or not', () => {
    fc.assert(
      fc.property(agentBytes, fc.nat(80), (data, units) => {
        const fromBytes = parseAgentBytes(data);
        const fromText = parseAgentFile(Buffer.from(data).toString('utf8'));
        // Asked before the body is decoded: the byte-level answers.
        const opening = fromBytes.bodyOpening(units);
        const bounds = fromBytes.bodyLength;
        expect(opening).toBe(fromText.body.trimStart().slice(0, units));
        const length = fromText.body.trim().length;
        expect(fromBytes.bodyTrimmedLength()).toBe(length);
        expect(bounds.min).toBeLessThanOrEqual(length);
        expect(bounds.max).toBeGreaterThanOrEqual(length);
        // Bounds are not exact until something has read the body (the length rule reads it only when
        // they leave the answer open); after that, an ASCII body is measured exactly.
        if (/^[\x00-\x7f]*$/.test(fromText.body)) {
          expect(fromBytes.body).toBe(fromText.body);
          expect(fromBytes.bodyLength).toEqual({ min: length, max: length });
        }
        expect({ ...fromBytes, body: fromBytes.body, sections: fromBytes.sections, headings: plain(fromBytes.headings) }).toEqual({
          ...fromText,
          body: fromText.body,
          sections: fromText.sections,
          headings: plain(fromText.headings),
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('measures and opens bodies at their awkward edges without decoding them first', () => {
    const head = '---\nname: a\ndescription: d\n---\n';
    const cases: [string, number][] = [
      // (A body read from bytes starts with an ASCII character: a non-ASCII one might be white space.)
      ['x😀 you', 2], // the last unit is half of a four-byte character
      ['xé😀', 3],
      ['a\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000', 5], // trailing white space beyond ASCII
      ['a\u00a0\n', 3],
      [`x${'\u00e9'.repeat(700)}`, 600],
    ];
    for (const [body, units] of cases) {
      const fromBytes = parseAgentBytes(utf8(head + body));
      const opening = fromBytes.bodyOpening(units);
      const bounds = fromBytes.bodyLength;
      const length = body.trim().length;
      expect(opening, body).toBe(body.slice(0, units));
      expect(bounds.min, body).toBeLessThanOrEqual(length);
      expect(bounds.max, body).toBeGreaterThanOrEqual(length);
      expect(fromBytes.body).toBe(body);
    }
  });
});

describe('bodyOpeningScan', () => {
  it('holds the ASCII characters of the opening, in order, with each run of others as a run from U+0080 to U+00FF', () => {
    const head = utf8('---\nname: a\ndescription: d\n---\n');
    // ASCII words that the second-person rule looks for (and near misses), beside characters of 2, 3 and 4
    // bytes, white space beyond ASCII, and bytes that are no UTF-8.
    const piece = fc.oneof(
      fc.constantFrom('you', 'your', 'You', 'young', 'x', ' ', '\n', '.', 'é', 'ü', '中', '😀', '\u00a0', '\u3000', 'yoü').map(utf8),
      fc.constantFrom(Uint8Array.of(0xff), Uint8Array.of(0xe4, 0xb8), Uint8Array.of(0x80)),
    );
    const runs = (text: string, others: RegExp): string => text.replace(others, '\u0080');
    const second = /\b(you|your)\b/i;
    let cheaper = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.oneof(fc.nat(60), fc.constant(600)), (pieces, units) => {
        const bytes = bytesOf([head, utf8('a'), ...pieces]);
        const doc = parseAgentBytes(bytes);
        const opening = parseAgentFile(Buffer.from(bytes).toString('utf8')).bodyOpening(units);
        const scan = doc.bodyOpeningScan(units);
        // (Invalid bytes, and openings all ASCII, give the opening itself.)
        if (scan !== opening) {
          cheaper++;
          expect(runs(scan, /[\x80-\xff]+/g)).toBe(runs(opening, /[^\x00-\x7f]+/g));
        }
        expect(second.test(scan)).toBe(second.test(opening));
      }),
      { numRuns: 3000 },
    );
    expect(cheaper).toBeGreaterThan(100);
  });
});

const kebabName = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,4}$/);
/** Kebab names that YAML reads as a string when written plain (not `123`, `0x1f`, `1e5`, `null`, `true`). */
const plainName = kebabName.filter((name) => typeof parseYaml(name) === 'string');

describe('parseAgentFile on generated valid agents', () => {
  it('reads kebab names that look like numbers, null or booleans as the client does, not as names', () => {
    expect(parseAgentFile('---\nname: 0\ndescription: d\n---\n').verdict.kind).toBe('not-an-agent');
    expect(parseAgentFile('---\nname: null\ndescription: d\n---\n').verdict.kind).toBe('not-an-agent');
    expect(parseAgentFile('---\nname: 123\ndescription: d\n---\n').verdict.kind).toBe('skipped');
    expect(parseAgentFile('---\nname: 0x1f\ndescription: d\n---\n').verdict.kind).toBe('skipped');
  });

  it('loads a double-quoted random description under the generated name, with \\n turned into newlines', () => {
    const description = fc.string({ unit: 'binary', minLength: 1 }).filter((text) => !text.includes('---'));
    fc.assert(
      fc.property(kebabName, description, (name, desc) => {
        const doc = parseAgentFile(`---\nname: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(desc)}\n---\nYou are.\n`);
        expect(doc.verdict).toEqual({ kind: 'loaded', name, registeredName: name });
        expect(doc.readMode).toBe('strict');
        expect(doc.description).toBe(desc.replaceAll('\\n', '\n'));
      }),
      { numRuns: 800 },
    );
  });

  it('loads a block-scalar description of random lines, keeping every line', () => {
    const textLine = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'"()<>:#!?*&|%@-]{0,40}$/).filter((text) => !text.includes('---'));
    fc.assert(
      fc.property(plainName, fc.array(textLine, { minLength: 1, maxLength: 8 }), (name, lines) => {
        const block = lines.map((text) => `  ${text}`).join('\n');
        const doc = parseAgentFile(`---\nname: ${name}\ndescription: |\n${block}\nmodel: sonnet\n---\nYou are.\n`);
        expect(doc.verdict).toMatchObject({ kind: 'loaded', name });
        expect(doc.readMode).toBe('strict');
        expect(doc.frontmatter.description).toBe(`${lines.join('\n')}\n`);
        expect(doc.fields.find((field) => field.key === 'model')?.line).toBe(4 + lines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('loads a plain one-line description of words and keeps fields on their lines', () => {
    const words = fc.array(fc.stringMatching(/^[A-Za-z][a-z]{0,8}$/), { minLength: 1, maxLength: 12 }).map((list) => list.join(' '));
    fc.assert(
      fc.property(plainName, words, (name, desc) => {
        fc.pre(!/^(true|false|null|yes|no|on|off)$/i.test(desc));
        const doc = parseAgentFile(`---\ndescription: ${desc}\nname: ${name}\n---\n`);
        expect(doc.verdict).toMatchObject({ kind: 'loaded', name });
        expect(doc.description).toBe(desc);
        expect(doc.fields.map((field) => [field.key, field.line])).toEqual([
          ['description', 2],
          ['name', 3],
        ]);
      }),
      { numRuns: 500 },
    );
  });
});
