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

const LF = [
  '---',
  'name: crlf-agent',
  'description: |',
  '  Use this agent when a file was saved on Windows.',
  '  It has two lines.',
  'tools: Read, Grep',
  '---',
  '',
  'You are a careful agent.',
  'You keep line endings.',
  '',
  '## Approach',
  '',
  '- step one',
  '- step two',
  '',
  '## Team Notes',
  '',
  'First line.',
  'Last line.',
  '',
].join('\n');

describe('importing a file with CRLF line endings', () => {
  it('gives the same spec entry as the LF file: no carriage return reaches the spec', () => {
    const crlf = importAgent(parseAgentFile(LF.replaceAll('\n', '\r\n'), 'crlf-agent.md'), env.presets).answers;
    const lf = importAgent(parseAgentFile(LF, 'crlf-agent.md'), env.presets).answers;
    expect(JSON.stringify(crlf)).not.toContain('\\r');
    expect(crlf).toEqual(lf);
  });

  it('renders a file with LF line endings only, which loads with the same name', () => {
    const { answers } = importAgent(parseAgentFile(LF.replaceAll('\n', '\r\n'), 'crlf-agent.md'), env.presets);
    const rendered = renderAgent(answers, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).not.toContain('\r');
    expect(rendered.doc.lineEnding).toBe('lf');
    expect(rendered.doc.verdict).toMatchObject({ kind: 'loaded', name: 'crlf-agent' });
    expect(rendered.content).toContain('- step one\n- step two\n');
  });

  it('keeps a lone carriage return inside a line: it is text, not a line ending', () => {
    const { answers } = importAgent(parseAgentFile(LF.replace('First line.', 'First\rline.'), 'crlf-agent.md'), env.presets);
    expect(answers.customSections?.[0]?.content).toBe('First\rline.\nLast line.');
  });
});
