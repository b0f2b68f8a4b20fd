import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentBytes, parseAgentFile } from '../../src/parser/index.js';
import { corpusDir, SKIP_NOTE } from '../helpers/corpus.js';

const corpus = corpusDir();
if (!corpus) console.warn(SKIP_NOTE);

describe.skipIf(!corpus)('the parser against the real client (corpus ORACLE.tsv)', () => {
  const rows = corpus
    ? readFileSync(join(corpus, 'ORACLE.tsv'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string, string])
    : [];

  it('has all 314 verdicts to compare with', () => {
    expect(rows).toHaveLength(314);
  });

  it('gives the verdict, and the name or the skip reason, the client gives, for every corpus file', () => {
    const disagreements: string[] = [];
    for (const [path, verdict, detail] of rows) {
      const doc = parseAgentFile(readFileSync(join(corpus ?? '', path)).toString('utf8'), path);
      const said = doc.verdict.kind === 'loaded' ? doc.verdict.name : doc.verdict.kind === 'skipped' ? doc.verdict.reason : '';
      if (doc.verdict.kind !== verdict || said !== detail) {
        disagreements.push(`${path}: client ${verdict} ${detail} / parser ${JSON.stringify(doc.verdict)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('reads every corpus file from its bytes (body left undecoded) exactly as from its text', () => {
    let withHeadings = 0;
    for (const [path] of rows) {
      const bytes = readFileSync(join(corpus ?? '', path));
      const text = parseAgentFile(bytes.toString('utf8'), path);
      const read = parseAgentBytes(bytes, path);
      expect(read.bodyOpening(600), path).toBe(text.body.trimStart().slice(0, 600));
      const length = text.body.trim().length;
      expect(read.bodyLength.min, path).toBeLessThanOrEqual(length);
      expect(read.bodyLength.max, path).toBeGreaterThanOrEqual(length);
      expect({ ...read, body: read.body, sections: read.sections }, path).toEqual({ ...text, body: text.body, sections: text.sections });
      if (read.headings.length > 0) withHeadings++;
    }
    expect(withHeadings).toBeGreaterThan(200);
  });

  it('reads the /agents wizard files as recovered, not strict', () => {
    const recovered = rows.filter(([path]) => parseAgentFile(readFileSync(join(corpus ?? '', path), 'utf8')).readMode === 'recovered');
    expect(recovered.length).toBeGreaterThan(10);
  });
});
