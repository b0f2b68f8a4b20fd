import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

/** The identity paragraph: the body line that starts "You are a senior". */
function identity(frameworks: string[], datastores: string[]): string {
  const rendered = renderAgent({ specialty: 'api', frameworks, datastores }, env);
  expect(rendered.errors).toEqual([]);
  return rendered.content.split('\n').find((line) => line.startsWith('You are a senior')) ?? '';
}

/** What the sentence between the expertise and "You focus on" says about the stack. */
const stackClause = (line: string): string => /contract-first[^.]*?(, working mainly with [^.]*)?\. You focus on/.exec(line)?.[1] ?? '';

describe('the stack clause of the identity paragraph', () => {
  it.each([
    [['Express'], ['Redis'], ', working mainly with Express, backed by Redis'],
    [['Express', 'Fastify'], ['PostgreSQL', 'Redis'], ', working mainly with Express and Fastify, backed by PostgreSQL and Redis'],
    [['Express'], [], ', working mainly with Express'],
    [[], ['PostgreSQL', 'Redis'], ', working mainly with PostgreSQL and Redis'],
    [[], [], ''],
    [['  '], ['Redis', ''], ', working mainly with Redis'],
  ])('frameworks %j and datastores %j read %j', (frameworks, datastores, expected) => {
    const line = identity(frameworks, datastores);
    expect(line).toMatch(/\. You focus on /);
    expect(stackClause(line)).toBe(expected);
  });

  it('reads as prose for every mix of empty and non-empty lists', () => {
    const item = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
    const lists = fc.oneof(fc.constant([] as string[]), fc.array(item, { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(lists, lists, (frameworks, datastores) => {
        const line = identity(frameworks, datastores);
        expect(line).not.toMatch(/with (backed|,|\.)|, ,|,\.|  |backed by \.|with and|and \./);
        for (const word of [...frameworks, ...datastores]) expect(line).toContain(word);
        expect(line.includes('backed by')).toBe(frameworks.length > 0 && datastores.length > 0);
        expect(line.includes('working mainly with')).toBe(frameworks.length + datastores.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
