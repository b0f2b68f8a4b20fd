import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { spacedBlockHeaders } from '../../src/parser/bun/index.js';
import { parseYaml, SPACED_HEADER } from '../../src/parser/parse-yaml.js';
import { pairAt, parseSimpleBlock } from '../../src/parser/simple.js';

/** The full engine's reading (yaml, as the parser configures it), or undefined when it reports an error. */
function fullRead(block: string): unknown {
  const docs = parseAllDocuments(block, { uniqueKeys: false, merge: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0) return undefined;
  return docs[0]!.toJS();
}

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.'()/-]{0,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((list) => list.join(' '));
const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,2}){0,2}$/);
const plain = fc.oneof(
  words,
  words.map((text) => `${text}, ${text}`),
  version,
  // Digit-led text with a space is no number: `4.1 release notes`, `2 things #not-a-comment`.
  fc.tuple(version, words, fc.constantFrom('', ' #c', '#x', ':', ' x#y')).map(([v, w, end]) => `${v} ${w}${end}`),
);
// Escapes every engine reads alike, then ones the fast path must leave to the full engine (\b, \f, \a, \0,
// control and surrogate \u, a malformed \u, a bare quote).
const escaped = fc.array(
  fc.oneof(
    words,
    fc.constantFrom('\\n', '\\t', '\\"', '\\\\', '\\/', ': ', ' # ', '\\x41', '\\u00e9', '—'),
    fc.constantFrom('\\b', '\\f', '\\a', '\\0', '\\u0001', '\\ud83d', '\\u00', '"', '\\x0a'),
  ),
  { maxLength: 6 },
);
const doubleQuoted = escaped.map((parts) => `"${parts.join('')}"`);
const singleQuoted = fc.array(fc.oneof(words, fc.constant("''"), fc.constant(': ')), { maxLength: 5 }).map((parts) => `'${parts.join('')}'`);
const flowList = fc.array(fc.oneof(word, word.map((w) => `"${w}"`)), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`);
const paragraph = fc.array(words, { minLength: 1, maxLength: 3 });
const blockScalar = fc
  .tuple(fc.constantFrom('|', '|-', '>', '>-'), fc.array(paragraph, { minLength: 1, maxLength: 3 }), fc.constantFrom(2, 4))
  .map(([style, paragraphs, indent]) => `${style}\n${paragraphs.map((lines) => lines.map((line) => `${' '.repeat(indent)}${line}`).join('\n')).join('\n\n')}`);
const value = fc.oneof(plain, doubleQuoted, singleQuoted, flowList, blockScalar, fc.constant(''));
const key = fc.stringMatching(/^[a-z][A-Za-z0-9_-]{0,10}$/);
const block = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }).map((pairs) =>
  pairs.map(([k, v]) => (v === '' ? `${k}:` : v.startsWith('|') || v.startsWith('>') ? `${k}: ${v}` : `${k}: ${v}`)).join('\n'),
);

describe('the fast path for simple frontmatter', () => {
  it('reads what the full YAML engine reads, whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(block, (text) => {
        const fast = parseSimpleBlock(text);
        if (!fast || 'fails' in fast) return;
        answered++;
        expect(fast.value).toEqual(fullRead(text));
      }),
      { numRuns: 500 },
    );
    // It must also be a fast path in practice, not a path that always steps aside.
    expect(answered).toBeGreaterThan(150);
  });

  it('says a block fails only when the full engine rejects it too', () => {
    const failing = fc.oneof(
      fc.tuple(words, words).map(([a, b]) => `${a}: ${b}`),
      // `: ` before a comment still makes a nested map; so it does after a digit-led start.
      fc.tuple(words, words, words).map(([a, b, c]) => `${a}: ${b} #${c}`),
      fc.tuple(version, words, words).map(([v, a, b]) => `${v} ${a}: ${b}`),
      // An empty alias (`*`) with more lines after it (at the very end, the full engine decides the wording).
      fc.constant('*\nmodel: sonnet'),
    );
    fc.assert(
      fc.property(key, failing, (k, v) => {
        const text = `${k}: ${v}`;
        const fast = parseSimpleBlock(text);
        expect(fast && 'fails' in fast).toBe(true);
        expect(fullRead(text)).toBeUndefined();
      }),
    );
  });

  it('reads no block without a `#` that holds a block scalar header with blanks before its indicators (parseYaml looks for those first only where a `#` is)', () => {
    // Header-like runs anywhere a value may hold them: after a key, inside plain, quoted, flow and block
    // text, and before a comment's `#` (inside quotes too, where spacedBlockHeaders takes it for one).
    const header = fc.constantFrom('| -', '> +', '|2 -', '>- 1', '| -1', '|\t+', '> 2 -', '| -1 #', '> +2 # x', '| - #');
    const headerValue = fc.oneof(
      header,
      fc.tuple(words, header).map(([w, h]) => `${w} ${h}`),
      fc.tuple(words, header).map(([w, h]) => `${w}: ${h}`),
      fc.tuple(words, header).map(([w, h]) => `"${w} ${h}"`),
      fc.tuple(words, header).map(([w, h]) => `"${w}: ${h}"`),
      fc.tuple(words, header).map(([w, h]) => `'${w}: ${h}'`),
      fc.tuple(words, header).map(([w, h]) => `["${w}: ${h}"]`),
      fc.tuple(header, words).map(([h, w]) => `|\n  ${w} ${h}\n  x: ${h}`),
    );
    let read = 0;
    let marked = 0;
    let edited = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.oneof(value, headerValue)), { minLength: 1, maxLength: 5 }), (pairs) => {
        const text = pairs.map(([k, v]) => (v === '' ? `${k}:` : `${k}: ${v}`)).join('\n');
        const fast = parseSimpleBlock(text);
        if (!fast || 'fails' in fast) return;
        read++;
        if (text.includes('#')) {
          if (spacedBlockHeaders(text) !== undefined) edited++;
          return;
        }
        if (SPACED_HEADER.test(text)) marked++;
        expect(spacedBlockHeaders(text)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
    // Blocks the fast path reads that the search would have looked at twice, and (with a `#`) ones it edits.
    expect(read).toBeGreaterThan(300);
    expect(marked).toBeGreaterThan(50);
    expect(edited).toBeGreaterThan(10);
  });

  it('reads a block with such a header before a `#` as the header search does first, quoted or not', () => {
    // spacedBlockHeaders edits the run inside quotes too; parseYaml gives what it did before the fast path.
    for (const [text, key, expected] of [
      ['description: "see a: | -1 #"', 'description', 'see a: |-1  #'],
      ["name: 'see a: | -1 #'", 'name', 'see a: |-1  #'],
      ['tags: ["a: | - #"]', 'tags', ['a: |-  #']],
    ] as const) {
      const read = parseYaml(text);
      expect(read.ok && (read.value as Record<string, unknown>)[key], text).toEqual(expected);
    }
  });

  it('answers at once on a line of many spaces that ends in a character engines read apart', () => {
    // (A value class that could start with spaces made the key line's regex try every split between the
    // spaces after the colon and the rest: minutes for this line.)
    // (A regression shows as this test taking minutes: a regex cannot be stopped by a timeout.)
    expect(parseSimpleBlock(`description:${' '.repeat(200_000)}\t`)).toBeUndefined();
    expect(parseSimpleBlock(`a: b\ndescription: ${' '.repeat(200_000)}x\u00a0y\nc: d`)).toBeUndefined();
  });

  it('steps aside for a block with a character engines may read apart, wherever it stands', () => {
    // Tabs, returns, controls, NEL, no-break and other wide spaces, separators, a BOM.
    const unsure = fc.constantFrom('\t', '\r', '\x00', '\x1b', '\x7f', '\x85', '\xa0', '\u1680', '\u2007', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff');
    // Blocks the fast path reads, and ones it fails (a nested map, an empty alias): either way, not with
    // this character in, in a line or on a line of its own (after a last key alone, say).
    const nested = fc.tuple(key, words, words).map(([k, a, b]) => `${k}: ${a}: ${b}`);
    const some = fc.oneof(block, fc.tuple(block, nested).map(([a, b]) => `${a}\n${b}`), fc.tuple(nested, block).map(([a, b]) => `${a}\n${b}`));
    let read = 0;
    let failed = 0;
    fc.assert(
      fc.property(some, unsure, fc.nat(), fc.boolean(), (text, char, at, ownLine) => {
        const fast = parseSimpleBlock(text);
        if (!fast) return;
        if ('fails' in fast) failed++;
        else read++;
        const cut = at % (text.length + 1);
        const inserted = ownLine ? `\n${char}` : char;
        expect(parseSimpleBlock(text.slice(0, cut) + inserted + text.slice(cut))).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(150);
    expect(failed).toBeGreaterThan(150);
    // Where the reading ends early: a last key alone with white space after it, a failing value before the character.
    // A lone surrogate too, high or low (a pair is a character like any other).
    for (const text of ['a: b\nc:\n\t', 'c:\n\u3000\n', 'c:  \r\n', 'a: x: y\nb: c\td', 'a: *\nb: \u2028', 'a: |\n  x\n  \ty', 'a: x\ud83dy', 'a: "\ude00"', 'a: x: y\nb: \ud800']) {
      expect(parseSimpleBlock(text), JSON.stringify(text)).toBeUndefined();
    }
    // (Without the character, the fast path answers each: the block is read, or fails.)
    for (const text of ['a: b\nc:\n', 'c:\n\n', 'c:  \n', 'a: x: y\nb: cd', 'a: *\nb: x', 'a: |\n  x\n  y', 'a: x\ud83d\ude00y', 'a: "\ud83d\ude00"', 'a: x: y\nb: \ud83d\ude00']) {
      expect(parseSimpleBlock(text), JSON.stringify(text)).toBeDefined();
    }
  });

  it('finds a pair of characters where indexOf finds it, searching for its rarer half', () => {
    const text = fc.array(fc.constantFrom(':', '#', 'x', ' ', '\\', 'a', ': ', ' #', '\\x'), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(pairAt(t, 58, 32, 0)).toBe(t.indexOf(': '));
        expect(pairAt(t, 35, 32, -1)).toBe(t.indexOf(' #'));
        expect(pairAt(t, 120, 92, -1)).toBe(t.indexOf('\\x'));
      }),
      { numRuns: 2000 },
    );
  });
});
