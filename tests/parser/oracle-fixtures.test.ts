import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentBytes } from '../../src/parser/index.js';
import { repoRoot } from '../helpers/corpus.js';

/**
 * 4098 small files written to probe the client's edges (fences, CRLF, mixed CRLF and LF line endings, tabs, `---` in values, anchors, block
 * scalars (indentation indicators too), name and description types, tags, unclosed quotes and stray lines, lines of only a tab (also inside quoted and plain values), lone carriage returns, merge keys, keys whose `:` is on a later line, bare keys before a `?` line and nodes yaml drops after an explicit key, explicit keys going on over lines and explicit values left empty or followed by an indented `: v`, quoted values alone on the line after their key, stray block headers, lists and nodes on the lines of an explicit key, a `:` after a value on its line, quote-led lines inside plain scalars, a tab-led first value before an explicit key, a frontmatter cut short inside an escaped quote, comment lines with no blank after their `#`, tags that go on with a comma, default-ignorable characters in names, lines of no-break spaces as bare keys, stray `%` directives, block headers with blanks before their indicators, dedented closing brackets, directives and document end markers, hooks (also misplaced deep in other fields), anchors and tags on lines of their own before an explicit key, quotes left open on a line of their own after an entry, `:` lines after a list or after a bare key going on over lines, tab-indented lines after lines of blanks and a tab, anchors with no name in a key going on over lines, a plain scalar opening the document then a `:` line, properties and a node with no `?` after them, merge keys after a list used as a key, stray block headers over a wider empty line, lists where a key goes then a `:` line, hooks under `metadata`, a list entry's text going on over `- ` lines, anchors and tags before or around an explicit key's `?` (`&a ? k`, `? &a` then the key, `- ? k`), the 1 MiB limit…), with the real client's verdicts as
 * `../shared/tools/cc-oracle` printed them. They are ours, so this runs everywhere, corpus or not.
 */
const dir = join(repoRoot, 'tests', 'fixtures', 'oracle');
const rows = readFileSync(join(dir, 'ORACLE.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string, string]);

describe('the parser against the real client on the adversarial fixtures', () => {
  it('has the 4098 verdicts', () => {
    expect(rows).toHaveLength(4098);
  });

  it('gives the verdict, and the name or the skip reason, the client gives, for every fixture', () => {
    const disagreements: string[] = [];
    // (A not-an-agent row has an empty detail; on the last line, trim() took its tab.)
    for (const [file, verdict, detail = ''] of rows) {
      const doc = parseAgentBytes(readFileSync(join(dir, file)), file);
      // The oracle prints names as the client logs them; so does the verdict (see shownName).
      const said = doc.verdict.kind === 'loaded' ? doc.verdict.name : doc.verdict.kind === 'skipped' ? doc.verdict.reason : '';
      if (doc.verdict.kind !== verdict || said !== detail) {
        disagreements.push(`${file}: client ${verdict} ${detail} / parser ${JSON.stringify(doc.verdict)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
