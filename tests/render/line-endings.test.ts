import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { templatesDir } from '../../src/paths.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import type { Answers } from '../../src/spec/answers.js';
import { loadPresets } from '../../src/spec/presets.js';
import { removeProjects, tempProject, type JsonReport } from '../helpers/agent.js';
import { agentsmith } from '../helpers/cli.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});
afterEach(removeProjects);

const example = (topic: string) => ({
  context: `The user asks about ${topic}.\r\nThey are in a hurry.`,
  user: `Help with ${topic}`,
  assistant: `I'll use the agent for ${topic}.`,
  commentary: `${topic} is\r\nits specialty.`,
});

/** Every text of a spec that may span lines, written with CRLF line breaks. */
const CRLF_ANSWERS: Answers = {
  specialty: 'database',
  name: 'crlf-texts',
  trigger: 'the schema\r\nchanges',
  examples: [example('indexes'), example('migrations')],
  sections: { identity: 'You are a careful database engineer.\r\nYou keep migrations reversible.' },
  customSections: [{ title: 'Team Notes', level: 2, content: 'First line.\r\n\r\n- one\r\n- two' }],
};

describe('answers whose texts hold CRLF line breaks', () => {
  it('render a file with LF line endings only, the texts kept line for line', () => {
    const rendered = renderAgent(CRLF_ANSWERS, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).not.toContain('\r');
    expect(rendered.doc.lineEnding).toBe('lf');
    expect(rendered.content).toContain('\nYou are a careful database engineer.\nYou keep migrations reversible.\n');
    expect(rendered.content).toContain('## Team Notes\n\nFirst line.\n\n- one\n- two\n');
    expect(String(rendered.doc.frontmatter.description)).toContain('Context: The user asks about indexes.\nThey are in a hurry.');
    expect(rendered.warnings).toEqual([]);
  });

  it('render the same file as the answers written with LF', () => {
    const lf = JSON.parse(JSON.stringify(CRLF_ANSWERS).replaceAll('\\r\\n', '\\n')) as Answers;
    expect(renderAgent(CRLF_ANSWERS, env).content).toBe(renderAgent(lf, env).content);
  });

  it('keep a lone carriage return inside a line: it is text, not a line ending', () => {
    const rendered = renderAgent({ ...CRLF_ANSWERS, sections: { identity: 'You are a careful\rdatabase engineer.' } }, env);
    expect(rendered.content).toContain('You are a careful\rdatabase engineer.\n');
  });
});

describe('a hand-written bulk spec with "\\r\\n" in its texts, saved with CRLF lines', () => {
  it('writes an LF file that check and the drift check find clean', async () => {
    const spec = [
      'out: agents',
      'agents:',
      '  - specialty: database',
      '    name: crlf-spec',
      '    sections:',
      '      identity: "You are a careful database engineer.\\r\\nYou keep migrations reversible."',
      '      closing: |',
      '        A block scalar read from a CRLF file.',
      '        Its second line.',
      '    customSections:',
      '      - title: Team Notes',
      '        content: "First line.\\r\\n\\r\\n- one\\r\\n- two"',
      '',
    ].join('\r\n');
    const dir = tempProject({ 'spec.yaml': spec });
    const bulk = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(bulk.exitCode, String(bulk.stderr)).toBe(0);
    const text = readFileSync(join(dir, 'agents', 'crlf-spec.md'), 'utf8');
    expect(text).not.toContain('\r');
    expect(parseAgentFile(text).lineEnding).toBe('lf');
    expect(text).toContain('You are a careful database engineer.\nYou keep migrations reversible.\n');
    expect(text).toContain('A block scalar read from a CRLF file.\nIts second line.\n');
    const check = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    expect(check.exitCode, String(check.stdout)).toBe(0);
    const report = JSON.parse(String(check.stdout)) as JsonReport;
    expect(report.files.map((file) => [file.verdict, file.name])).toEqual([['loaded', 'crlf-spec']]);
  });
});

describe("a team's templates saved with CRLF line endings", () => {
  it('render the same LF file as the built-in templates', () => {
    const dir = tempProject({});
    mkdirSync(join(dir, 'partials'));
    const crlf = (path: string) => readFileSync(join(templatesDir, path), 'utf8').replaceAll('\n', '\r\n');
    writeFileSync(join(dir, 'agent.md.hbs'), crlf('agent.md.hbs'));
    writeFileSync(join(dir, 'partials', 'closing.hbs'), crlf('partials/closing.hbs'));
    const team = renderAgent(CRLF_ANSWERS, { ...env, config: { ...env.config, templates: dir } });
    expect(team.errors).toEqual([]);
    expect(team.content).not.toContain('\r');
    expect(team.content).toBe(renderAgent(CRLF_ANSWERS, env).content);
  });
});
