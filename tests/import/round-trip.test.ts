import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAgent } from '../../src/commands/import.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import type { Answers } from '../../src/spec/answers.js';
import { loadPresets } from '../../src/spec/presets.js';

/** Words and sentences without Markdown or example syntax, so what a spec says is what the file says. */
const sentence = fc.stringMatching(/^[A-Z][a-z0-9]{1,8}( [a-z0-9,;()'-]{1,10}){0,8}[a-z0-9][.!?]$/);
const list = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n'));
const maybe = (value: fc.Arbitrary<string>) => fc.oneof(fc.constant(''), value);
/** A turn: one sentence, several lines of them, or one in single quotes (which the rendered file keeps). */
const turn = fc.oneof(
  sentence,
  fc.array(sentence, { minLength: 2, maxLength: 3 }).map((lines) => lines.join('\n')),
  sentence.map((text) => `'${text}'`),
);
const example = fc.record({ context: turn, user: turn, assistant: turn, commentary: sentence });

/** Specs in the form import writes: every section explicit ('' = left out), examples explicit. */
const spec: fc.Arbitrary<Answers> = fc.record({
  specialty: fc.constant('api'),
  name: fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8}){0,3}$/),
  description: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => `Use this agent when ${items.join(' ')}`),
  examples: fc.array(example, { minLength: 1, maxLength: 4 }),
  sections: fc.record({
    identity: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => `You are ${items.join(' ')}`),
    responsibilities: maybe(list),
    methodology: maybe(list),
    quality: maybe(list),
    output: maybe(list),
    edgeCases: maybe(list),
    closing: fc.constant(''),
  }),
  tools: fc.constantFrom('', 'Read, Grep, Glob', 'Read, Edit, Write'),
  model: fc.constantFrom('', 'sonnet', 'opus'),
  color: fc.constantFrom('', 'blue', 'green'),
  customSections: fc.array(
    fc.record({ title: fc.constantFrom('Team Conventions', 'Glossary', 'Escalation'), level: fc.constant(2), content: list }),
    { maxLength: 2 },
  ),
  frontmatter: fc.constantFrom({}, { permissionMode: 'plan' }, { maxTurns: 12, memory: 'project' }),
});

describe('render → import', () => {
  let env: RenderEnv;
  beforeAll(async () => {
    env = { presets: await loadPresets(), config: resolveConfig() };
  });

  it('gives back the same spec, and that spec renders the same file', () => {
    fc.assert(
      fc.property(spec, (answers) => {
        const rendered = renderAgent(answers, env);
        expect(rendered.errors).toEqual([]);
        const { answers: back } = importAgent(rendered.doc, env.presets);
        const expected: Answers = { ...answers, specialty: back.specialty };
        if (answers.customSections?.length === 0) delete expected.customSections;
        if (Object.keys(answers.frontmatter ?? {}).length === 0) delete expected.frontmatter;
        expect(back).toEqual(expected);
        expect(renderAgent(back, env).content).toBe(rendered.content);
      }),
      { numRuns: 150 },
    );
  });
});
