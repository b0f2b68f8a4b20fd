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

/** Each section's last line ends in blanks ("  " is a Markdown line break), then blank lines, some of spaces. */
const AGENT = [
  '---',
  'name: edge-agent',
  'description: Use this agent when a section ends in trailing spaces.',
  '---',
  '',
  'You are a careful agent. ',
  '',
  '## Approach',
  '',
  '- step one',
  '- step two  ',
  '   ',
  '',
  '## Team Notes',
  '',
  'First line.',
  'Last line.\t ',
  '',
  '## Empty',
  '  ',
  '',
  '## Closing Words',
  '',
  '- hand over to **ops**  ',
  '',
].join('\n');

const importAnswers = (text: string) => importAgent(parseAgentFile(text, 'edge-agent.md'), env.presets).answers;

describe("importing a section whose text ends in trailing spaces", () => {
  it('keeps the last line exactly, and drops only the blank lines after it', () => {
    const answers = importAnswers(AGENT);
    expect(answers.sections?.identity).toBe('You are a careful agent. ');
    expect(answers.sections?.methodology).toBe('- step one\n- step two  ');
    expect(answers.customSections).toEqual([
      { title: 'Team Notes', level: 2, content: 'First line.\nLast line.\t ' },
      { title: 'Empty', level: 2, content: '' },
      { title: 'Closing Words', level: 2, content: '- hand over to **ops**  ' },
    ]);
  });

  it('renders every line of the original body, trailing spaces included, and imports back to the same spec', () => {
    const answers = importAnswers(AGENT);
    const rendered = renderAgent(answers, env);
    expect(rendered.errors).toEqual([]);
    const lines = rendered.doc.body.split('\n');
    for (const line of ['You are a careful agent. ', '- step two  ', 'Last line.\t ', '- hand over to **ops**  ']) expect(lines).toContain(line);
    expect(importAnswers(rendered.content)).toEqual(answers);
  });

  it('keeps the trailing spaces of a CRLF file too, without its carriage returns', () => {
    const answers = importAnswers(AGENT.replaceAll('\n', '\r\n'));
    expect(answers).toEqual(importAnswers(AGENT));
  });
});
