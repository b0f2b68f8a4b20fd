import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAgent } from '../../src/commands/import.js';
import { parseAgentFile } from '../../src/parser/index.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { corpusDir, SKIP_NOTE } from '../helpers/corpus.js';
import { lostUnits } from './text.js';

const corpus = corpusDir();
if (!corpus) console.warn(SKIP_NOTE);

describe.skipIf(!corpus)('importing every corpus agent the client loads', () => {
  let env: RenderEnv;
  const loaded = corpus
    ? readFileSync(join(corpus, 'ORACLE.tsv'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .filter(([, verdict]) => verdict === 'loaded')
        .map(([path]) => path ?? '')
    : [];

  beforeAll(async () => {
    env = { presets: await loadPresets(), config: resolveConfig() };
  });

  it('renders each imported spec to a file that loads and has no errors, keeping every sentence', () => {
    const failures: string[] = [];
    let complete = 0;
    for (const path of loaded) {
      const original = parseAgentFile(readFileSync(join(corpus ?? '', path), 'utf8'), path);
      const { answers } = importAgent(original, env.presets);
      const rendered = renderAgent(answers, env);
      if (rendered.errors.length > 0) {
        failures.push(`${path}: ${rendered.errors.map((d) => d.message).join('; ')}`);
        continue;
      }
      const lost = [...lostUnits(original.body, rendered.doc.body), ...lostUnits(original.description ?? '', rendered.doc.description ?? '')];
      if (lost.length === 0) complete++;
      else failures.push(`${path}: lost ${lost.length}: ${lost.slice(0, 2).join(' | ')}`);
    }
    console.log(`import: ${complete} of ${loaded.length} loaded corpus agents keep 100% of their text`);
    expect(failures).toEqual([]);
    expect(complete).toBe(loaded.length);
  });
});
