import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';

/**
 * Large structures yaml alone reads differently from Bun or too slowly. Nesting deeper than yaml's recursive reader goes (about 1,000 levels). Bun, the client's engine,
 * reads block nesting as deep as fits in the 1 MiB limit, and flow nesting to between 4,500 and 5,000
 * levels. The expected verdicts are what ../shared/tools/cc-oracle printed for these very files (made
 * the same way); they are too large to keep as fixtures.
 */
const file = (frontmatter: string) => `---\n${frontmatter}---\nYou are a test agent.\n`;
const blockNest = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => ` ${' '.repeat(i)}k:`).join('\n')}\n ${' '.repeat(depth)}v\n`;
const SKIPPED = 'failed to parse and was ignored: Maximum call stack size exceeded.';

describe('deeply nested frontmatter, as the client reads it', () => {
  it('loads block nesting 1,000 and 1,400 levels deep under another key', () => {
    for (const depth of [1000, 1400]) {
      const doc = parseAgentFile(file(`name: zb-${depth}\ndescription: d\nextra:\n${blockNest(depth)}`));
      expect(doc.verdict).toMatchObject({ kind: 'loaded', name: `zb-${depth}` });
    }
  });

  it('loads a deep entry written before the name and description', () => {
    const doc = parseAgentFile(file(`extra:\n${blockNest(1200)}name: zbf-1200\ndescription: d\n`));
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'zbf-1200' });
  });

  it('loads flow nesting 4,500 levels deep and skips 5,000 and 10,000, as Bun runs out of stack', () => {
    const flow = (depth: number, open: string, close: string) =>
      parseAgentFile(file(`name: zf-${depth}\ndescription: d\nextra:\n  ${open.repeat(depth)}a${close.repeat(depth)}\n`)).verdict;
    expect(flow(4500, '[', ']')).toMatchObject({ kind: 'loaded', name: 'zf-4500' });
    expect(flow(4500, '{a: ', '}')).toMatchObject({ kind: 'loaded', name: 'zf-4500' });
    for (const depth of [5000, 10_000]) {
      expect(flow(depth, '[', ']')).toEqual({ kind: 'skipped', reason: SKIPPED });
      expect(flow(depth, '{a: ', '}')).toEqual({ kind: 'skipped', reason: SKIPPED });
    }
  });

  it('loads, through the retry, a description that is flow nesting 5,000 and 20,000 levels deep on its own line', () => {
    // Bun overflows on the strict read; the retry quotes the value (it starts with `[`). Reading this
    // with yaml's recursive composer once aborted the whole process (V8's regexp compiler ran out of stack).
    for (const depth of [5000, 20_000]) {
      const doc = parseAgentFile(file(`name: deep\ndescription: ${'['.repeat(depth)}${']'.repeat(depth)}\n`));
      expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'deep' });
      expect(doc.readMode).toBe('recovered');
    }
    // Not deep enough to overflow: a list, so no description string.
    expect(parseAgentFile(file(`name: deep\ndescription: ${'['.repeat(3000)}${']'.repeat(3000)}\n`)).verdict).toEqual({
      kind: 'skipped',
      reason: 'Missing required "description" field in frontmatter',
    });
  });
});

describe('many aliases', () => {
  it('reads 100,000 aliases of one anchor (as a flow list and as a block list) in one pass', () => {
    // yaml looks up each alias's anchor by walking the document: quadratic, 20 s and more for these.
    const flow = `name: many\ndescription: &a d\nb: [${Array(100_000).fill('*a').join(', ')}]\n`;
    const block = `name: many\ndescription: &a d\nb:\n${Array(50_000).fill('  - *a').join('\n')}\n`;
    for (const [frontmatter, count] of [[flow, 100_000], [block, 50_000]] as const) {
      const doc = parseAgentFile(file(frontmatter));
      expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'many' });
      const list = doc.fields.find((field) => field.key === 'b')?.value;
      expect(Array.isArray(list) && list.length === count && list.every((item) => item === 'd')).toBe(true);
    }
  });

  it('searches aliased lists for misplaced hooks once per shared value (60^4 = 13 million nodes when expanded)', () => {
    // Fan-out 60 over four levels of aliases; expanded, every level-4 node would be visited 60^3 times.
    const levels = (leaf: string, fan = 60) => [
      `a0: &a0 [${Array(fan).fill(leaf).join(', ')}]`,
      ...[1, 2, 3].map((i) => `a${i}: &a${i} [${Array(fan).fill(`*a${i - 1}`).join(', ')}]`),
    ];
    const clean = parseAgentFile(file(`name: fan\ndescription: d\n${levels('x').join('\n')}\n`));
    expect(clean.verdict).toMatchObject({ kind: 'loaded', name: 'fan' });
    // A PermissionRequest map three levels down (a1's lists of a0's maps) is still found; fan-out 40 keeps
    // the expansion under Bun's aliasing limit. Both verdicts are what cc-oracle printed for these files.
    const hooked = parseAgentFile(file(`name: fan\ndescription: d\n${levels('{PermissionRequest: y}', 40).join('\n')}\n`));
    expect(hooked.verdict).toMatchObject({ kind: 'skipped', reason: 'Unknown parsing error' });
  });
});

describe('many merge keys', () => {
  it('merges 50,000 aliases in one list, and 30,000 merge keys of one alias, in one pass each (cc-oracle: loaded)', () => {
    // Each alias's anchor is found in one pass: yaml's own lookup walked the document per alias (minutes).
    const list = file(`name: a\ndescription: d\na: &a {k: 1}\nb:\n  <<: [${Array(50_000).fill('*a').join(', ')}]\n`);
    const keys = file(`name: a\ndescription: d\na: &a {k: 1}\n${Array.from({ length: 30_000 }, (_, i) => `b${i}:\n  <<: *a\n`).join('')}`);
    for (const text of [list, keys]) expect(parseAgentFile(text).verdict).toMatchObject({ kind: 'loaded', name: 'a' });
    expect(parseAgentFile(list).frontmatter.b).toEqual({ k: 1 });
  });
});

describe('many flow collections closed left of their key', () => {
  it('reads 300 and 20,000 of them in one pass over the brackets (cc-oracle: loaded)', () => {
    // yaml flags only the first such bracket and loses its way after it; one reread per bracket took seconds.
    const closers = (count: number) =>
      file(`name: a\ndescription: d\n${Array.from({ length: count }, (_, i) => `x${i}:\n  t: [\n    a\n]\n`).join('')}`);
    for (const count of [300, 20_000]) {
      const doc = parseAgentFile(closers(count));
      expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'a' });
      expect(doc.frontmatter[`x${count - 1}`]).toEqual({ t: ['a'] });
    }
  }, 30_000);
});

describe('a frontmatter of about 1 MB of lines of only a tab', () => {
  // Each line looks back at the token before it: one pass over lines and tokens, not one per line (this
  // took minutes). The verdicts are what cc-oracle printed for these files.
  const repeat = (head: string, unit: (i: number) => string) => {
    let text = head;
    for (let i = 0; text.length < 1_000_000; i++) text += unit(i);
    return file(text);
  };
  it.each([
    ['after quoted values (first parse fails, the retry loads)', repeat('name: a\ndescription: d\n', (i) => `k${i}: "v"\n\t\n`), 'loaded'],
    ['after block scalars (read on)', repeat('name: a\ndescription: d\n', (i) => `k${i}: |\n  q\n\t\n`), 'loaded'],
    ['inside one block scalar (the second line fails it)', repeat('name: a\ndescription: |\n', () => '  q\n\t\n'), 'skipped'],
    ['after an empty value', repeat('name: a\ndescription: d\nk:\n', () => '\t\n'), 'loaded'],
  ])('%s', (_label, text, kind) => {
    expect(parseAgentFile(text).verdict.kind).toBe(kind);
  }, 30_000);
});

describe('thousands of lines of the shapes Bun reads where yaml does not', () => {
  // Each rewrite is one pass over the text (a copy per line was quadratic); the verdicts are what
  // cc-oracle printed for these very files.
  it.each([
    ['20,000 block headers with a blank before the indicator (`k: | -`)', `name: zh\ndescription: d\n${'k: | -\n  text\n'.repeat(20_000)}`, { kind: 'loaded', name: 'zh' }],
    ['20,000 bare keys, each before a `?` line', `name: zk\ndescription: d\n${'foo\n?\n'.repeat(20_000)}`, { kind: 'loaded', name: 'zk' }],
    ['20,000 comma-led lines in one flow list', `name: zc\ndescription: d\ntools: [a\n${',b\n'.repeat(20_000)}]\n`, { kind: 'loaded', name: 'zc' }],
    ['the same after nested lists (Bun refuses the first)', `name: zn\ndescription: d\ntools: [[a]\n${',[b]\n'.repeat(20_000)}]\n`, { kind: 'skipped' }],
    ['20,000 `%` lines after the keys', `name: zd\ndescription: d\n${'%YAML 1.2\n'.repeat(20_000)}`, { kind: 'skipped' }],
    ['10,000 explicit keys, each followed by a node yaml drops', `name: zx\ndescription: d\n${'? k\n# c\n  [a]\n'.repeat(10_000)}`, { kind: 'skipped' }],
  ])('%s', (_label, frontmatter, verdict) => {
    expect(parseAgentFile(file(frontmatter)).verdict).toMatchObject(verdict);
  }, 30_000);
});
