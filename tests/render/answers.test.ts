import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { agentsmith, tempDir } from '../helpers/cli.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

const h3 = (content: string): string[] => parseAgentFile(content).headings.filter((h) => h.level === 3).map((h) => h.title);

describe('responsibility areas', () => {
  it('renders exactly the chosen areas, in the preset order', () => {
    const rendered = renderAgent({ specialty: 'api', areas: ['graphql', 'versioning'] }, env);
    expect(rendered.errors).toEqual([]);
    const titles = Object.fromEntries((env.presets.get('api')?.responsibilities ?? []).map((area) => [area.id, area.title]));
    expect(h3(rendered.content)).toEqual([titles.versioning, titles.graphql]);
  });

  it('refuses an area id the specialty does not have, naming it and the valid ids', () => {
    const rendered = renderAgent({ specialty: 'api', areas: ['versioning', 'nope'] }, env);
    expect(rendered.errors).toHaveLength(1);
    expect(rendered.errors[0]?.message).toMatch(/"nope" is not an area of the specialty "api"; choose from contract-design, .*versioning/);
    expect(rendered.content).toBe('');
  });

  it('refuses an empty list of areas, which would leave the responsibilities section empty', () => {
    const rendered = renderAgent({ specialty: 'database', areas: [] }, env);
    expect(rendered.errors[0]?.message).toMatch(/areas: the list is empty/);
  });

  it('ignores areas when the responsibilities section is given verbatim', () => {
    const rendered = renderAgent({ specialty: 'api', areas: [], sections: { responsibilities: '### Own Work\n- one\n- two\n- three' } }, env);
    expect(rendered.errors).toEqual([]);
    expect(h3(rendered.content)).toEqual(['Own Work']);
  });

  it('makes "agentsmith new --areas nope" exit 2, naming the flag, without writing anything', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await agentsmith(['new', '--specialty', 'api', '--yes', '--areas', 'nope'], dir);
      expect(result.exitCode).toBe(2);
      expect(String(result.stderr)).toMatch(/--areas "nope": "nope" is not an area/);
      const empty = await agentsmith(['new', '--specialty', 'api', '--yes', '--areas', ''], dir);
      expect(empty.exitCode).toBe(2);
      expect(String(empty.stderr)).toMatch(/the list is empty/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});

describe('the number of worked examples', () => {
  it('puts as many <example> blocks in the description as asked, up to the preset count', () => {
    const preset = env.presets.get('database');
    for (const count of [1, 2]) {
      const rendered = renderAgent({ specialty: 'database', exampleCount: count }, env);
      expect(rendered.doc.examples).toHaveLength(count);
    }
    expect(renderAgent({ specialty: 'database', exampleCount: 6 }, env).doc.examples).toHaveLength(preset?.examples.length ?? 0);
  });

  it('refuses a count outside 1 to 6 as a bad answer', () => {
    for (const count of [0, 7, 1.5]) {
      const rendered = renderAgent({ specialty: 'database', exampleCount: count }, env);
      expect(rendered.errors[0]?.rule, String(count)).toBe('answers');
    }
  });
});
