import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';

/**
 * Nesting deeper than yaml's recursive reader goes (about 1,000 levels). Bun, the client's engine,
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
});
