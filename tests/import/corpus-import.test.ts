import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAgent } from '../../src/commands/import.js';
import { headingOf } from '../../src/parser/headings.js';
import { parseAgentFile } from '../../src/parser/index.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { corpusDir, SKIP_NOTE } from '../helpers/corpus.js';
import { lostUnits } from './text.js';

const corpus = corpusDir();
if (!corpus) console.warn(SKIP_NOTE);

/** The corpus files the client loads (ORACLE.tsv). */
function loadedPaths(): string[] {
  if (!corpus) return [];
  return readFileSync(join(corpus, 'ORACLE.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, verdict]) => verdict === 'loaded')
    .map(([path]) => path ?? '');
}

describe.skipIf(!corpus)('importing every corpus agent the client loads', () => {
  let env: RenderEnv;
  const loaded = loadedPaths();

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

  it('keeps every line of the body exactly as written, trailing blanks included (headings aside: the house renames them)', () => {
    const changed: string[] = [];
    for (const path of loaded) {
      const original = parseAgentFile(readFileSync(join(corpus ?? '', path), 'utf8'), path);
      const rendered = new Set(renderAgent(importAgent(original, env.presets).answers, env).doc.body.split('\n'));
      const lines = original.body.split('\n').map((line) => line.replace(/\r$/, ''));
      const missing = lines.filter((line) => line.trim() !== '' && !headingOf(line) && !rendered.has(line));
      if (missing.length > 0) changed.push(`${path}: ${JSON.stringify(missing[0])}`);
    }
    expect(changed).toEqual([]);
  });
});

describe.skipIf(!corpus)('re-importing what import rendered', () => {
  let env: RenderEnv;
  beforeAll(async () => {
    env = { presets: await loadPresets(), config: resolveConfig() };
  });
  const AGENTS = 'davila7-templates/cli-tool/components/agents';
  const render = (text: string, path: string) => renderAgent(importAgent(parseAgentFile(text, path), env.presets).answers, env);

  it.each(['development-tools/codebase-explorer.md', 'expert-advisors/agent-expert.md', 'deep-research-team/data-analyst.md'])(
    '%s: render → import → render gives the first render back',
    (file) => {
      const first = render(readFileSync(join(corpus ?? '', AGENTS, file), 'utf8'), file);
      expect(first.errors).toEqual([]);
      expect(render(first.content, file).content).toBe(first.content);
    },
  );

  it('drops the single quotes around turns (agent-expert)', () => {
    const doc = parseAgentFile(readFileSync(join(corpus ?? '', AGENTS, 'expert-advisors/agent-expert.md'), 'utf8'));
    const [example] = importAgent(doc, env.presets).answers.examples ?? [];
    expect(example?.user).toBe('I need to create an agent that specializes in React performance optimization');
    expect(example?.assistant).toMatch(/^I'll use the agent-expert agent .*practical examples$/);
  });

  it('leaves no stray bullets of "- <example>" lines in the lead (data-analyst)', () => {
    const doc = parseAgentFile(readFileSync(join(corpus ?? '', AGENTS, 'deep-research-team/data-analyst.md'), 'utf8'));
    const { description, examples } = importAgent(doc, env.presets).answers;
    expect(description).toMatch(/market research\.\n\nExamples:$/);
    expect(examples?.length).toBeGreaterThanOrEqual(3);
  });

  it('is a fixed point for every loaded corpus agent', () => {
    const moving = loadedPaths().filter((path) => {
      const first = render(readFileSync(join(corpus ?? '', path), 'utf8'), path);
      return first.errors.length === 0 && render(first.content, path).content !== first.content;
    });
    expect(moving).toEqual([]);
  });
});
