import { beforeAll, describe, expect, it } from 'vitest';
import { importAgent } from '../../src/commands/import.js';
import { parseAgentFile } from '../../src/parser/index.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

const EXAMPLE = (n: number) => `<example>\nContext: case ${n}\nuser: "ask ${n}"\nassistant: "answer ${n}"\n<commentary>\nwhy ${n}\n</commentary>\n</example>`;

/** An agent file whose description is `description` (written as a block scalar). */
function agent(description: string): string {
  const block = description.split('\n').map((line) => (line ? `  ${line}` : '')).join('\n');
  return `---\nname: support-agent\ndescription: |-\n${block}\ntools: Read\n---\n\nYou are a support agent.\n`;
}

const importAndRender = (text: string) => {
  const { answers, notes } = importAgent(parseAgentFile(text, 'support-agent.md'), env.presets);
  return { answers, notes, rendered: renderAgent(answers, env) };
};

describe('importing a description with text after its examples', () => {
  it('keeps the description whole, so a closing remark stays after the examples it closes', () => {
    const description = `Use this agent for support tickets. Specifically:\n\n${EXAMPLE(1)}\n\n${EXAMPLE(2)}\n\nDoes not cover billing: hand those to billing-agent.`;
    const { answers, notes, rendered } = importAndRender(agent(description));
    expect(rendered.errors).toEqual([]);
    expect(rendered.doc.description).toBe(description);
    expect(answers.examples).toEqual([]);
    expect(notes).toContain("the description has text after its examples or after an example's commentary: kept whole, examples and all, so that nothing moves");
    // The re-rendered file imports to the same spec: a fixed point.
    expect(importAndRender(rendered.content).rendered.content).toBe(rendered.content);
  });

  it('keeps text between two examples where it was', () => {
    const description = `Use this agent for support tickets.\n\n${EXAMPLE(1)}\n\nFor refunds:\n\n${EXAMPLE(2)}`;
    expect(importAndRender(agent(description)).rendered.doc.description).toBe(description);
  });

  it('still splits a description whose examples come last, bullets before them included', () => {
    const { answers } = importAndRender(agent(`Use this agent for support tickets. Examples:\n\n- ${EXAMPLE(1)}\n- ${EXAMPLE(2)}`));
    expect(answers.description).toBe('Use this agent for support tickets. Examples:');
    expect(answers.examples?.map((example) => example.user)).toEqual(['ask 1', 'ask 2']);
  });
});

describe('importing examples written on one line', () => {
  it('gives each turn its own part, so the house template writes them on lines of their own', () => {
    const one = (n: number) => `<example>Context: case ${n}. user: "ask ${n}" assistant: "answer ${n}" <commentary>why ${n}</commentary></example>`;
    const { answers, rendered } = importAndRender(agent(`Use this agent for support tickets.\n\n${one(1)}\n\n${one(2)}`));
    expect(answers.examples).toEqual([
      { context: 'case 1.', user: 'ask 1', assistant: 'answer 1', commentary: 'why 1' },
      { context: 'case 2.', user: 'ask 2', assistant: 'answer 2', commentary: 'why 2' },
    ]);
    expect(rendered.errors).toEqual([]);
    expect(rendered.doc.examples.map((example) => example.user)).toEqual(['ask 1', 'ask 2']);
  });
});

describe('importing an example that goes on after its commentary', () => {
  it('keeps the description whole, so the later turn stays after the commentary', () => {
    const example = '<example>\nContext: case 1\nuser: "ask"\nassistant: "first"\n<commentary>\nwhy\n</commentary>\nassistant: "I will use the support agent."\n</example>';
    const description = `Use this agent for support tickets.\n\n${example}\n\n${EXAMPLE(2)}`;
    const { answers, notes, rendered } = importAndRender(agent(description));
    expect(answers.examples).toEqual([]);
    expect(notes).toContain("the description has text after its examples or after an example's commentary: kept whole, examples and all, so that nothing moves");
    expect(rendered.doc.description).toBe(description);
  });
});
