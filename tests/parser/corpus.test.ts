import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
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

  it('reads the /agents wizard files as recovered, not strict', () => {
    const recovered = rows.filter(([path]) => parseAgentFile(readFileSync(join(corpus ?? '', path), 'utf8')).readMode === 'recovered');
    expect(recovered.length).toBeGreaterThan(10);
  });
});
