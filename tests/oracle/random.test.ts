import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../helpers/cli.js';
import { compareWithClient } from '../helpers/oracle.js';

/**
 * A differential run against the real client: random frontmatters built from the pieces that trip YAML
 * readers (quotes, colons, tags, anchors, block scalars, stray lines, CRLF…), written to a folder, then
 * the client's verdict, name or skip reason (../shared/tools/cc-oracle) compared word for word with the
 * parser's. Opt-in, like live.test.ts: set AGENTSMITH_ORACLE to the cc-oracle script (AGENTSMITH_ORACLE_RUNS
 * sets the number of files, 400 by default). Each failure found this way became a fixture in
 * tests/fixtures/oracle, which runs everywhere.
 */
const oracle = process.env.AGENTSMITH_ORACLE;
const RUNS = Number(process.env.AGENTSMITH_ORACLE_RUNS ?? 400);
if (!oracle) console.warn('AGENTSMITH_ORACLE not set: the random differential against the live client is skipped');

const keys = fc.constantFrom('name', 'description', 'tools', 'model', 'hooks', 'x', 'Name', 'description ', 'PreToolUse', 'allowed_tools', '[name]');
const values = fc.constantFrom(
  'plain words', 'a: b', 'a #c', '"quoted"', "'single'", '"esc \\n \\t"', '"bad \\q"', '[a, b]', '{a: 1}', '*', '&a val', '*a',
  '!!str 5', '!!int 5', '!!int "5"', '!x y', '!!binary aGk=', '5', '0x1F', 'true', 'null', '~', '', '|\n  block line\n  second: line',
  '>-\n  folded', '- item', '"unclosed', "'unclosed", '`tick`', '@at', '%pct', 'a\tb', 'tail:', 'x: y: z', 'Use this agent when: needed',
  '---', '...', 'a --- b', '\\n literal', 'émoji 🧪', 'yes', '[[[a]]]',
);
const strays = fc.constantFrom('  more text', '  k: v', 'plain line', '  - li', '<example>', '\tindented tab', '', '   ', '  "q"', '#c', '  #c');
/** Any characters at all (controls, lone surrogates, U+2028…), now and then. */
const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }));
const line = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(keys, values).map(([key, value]) => `${key}: ${value}`) },
  { weight: 1, arbitrary: fc.tuple(keys, junk).map(([key, value]) => `${key}: ${value}`) },
  { weight: 1, arbitrary: strays },
);
const frontmatter = fc
  .record({
    name: fc.option(fc.oneof(fc.nat().map((n) => `agent-${n}`), values), { nil: undefined }),
    description: fc.option(fc.oneof(fc.constant('Use this agent when things happen'), values), { nil: undefined }),
    more: fc.array(line, { maxLength: 5 }),
    crlf: fc.boolean(),
  })
  .chain((parts) =>
    fc.record({
      parts: fc.constant(parts),
      // The frame around the block, now and then odd: a BOM, blank lines, fences with spaces or more dashes.
      before: fc.constantFrom('', '', '', '\uFEFF', '\n', ' ', '\uFEFF\uFEFF', '\t'),
      open: fc.constantFrom('---', '---', '---', '--- ', '----', '---\t', '--- x', '---\r'),
      close: fc.constantFrom('---', '---', '---', '--- ', '----', '...', ' ---', '--- body', ''),
      body: fc.constantFrom('You are a test agent.\n', '', '---\nmore\n', '\n\n---\n'),
    }),
  )
  .map(({ parts: { name, description, more, crlf }, before, open, close, body }) => {
    const lines = [...(name === undefined ? [] : [`name: ${name}`]), ...(description === undefined ? [] : [`description: ${description}`]), ...more];
    const text = `${before}${open}\n${lines.join('\n')}\n${close}\n${body}`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe.skipIf(!oracle)('the parser against the real client on random frontmatters', () => {
  const folder = useTempFolders();

  it('gives the client verdict, and its name or skip reason, for every file', () => {
    const dir = folder();
    const files = fc.sample(frontmatter, { numRuns: RUNS, seed: Number(process.env.AGENTSMITH_ORACLE_SEED ?? Date.now() % 100_000) });
    files.forEach((text, i) => writeFileSync(join(dir, `r${String(i).padStart(4, '0')}.md`), text));
    const rows = compareWithClient(oracle ?? '', dir);
    expect(rows).toHaveLength(RUNS);
    const disagreements = rows.filter((row) => !row.agrees).map((row) => row.line);
    expect(disagreements).toEqual([]);
  });
});
