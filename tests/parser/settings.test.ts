import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';

const agent = (frontmatter: string) => parseAgentFile(`---\nname: typed\ndescription: Use it when typing.\n${frontmatter}\n---\nYou are typed.\n`);

describe('typed settings of a document', () => {
  it('splits tools on top-level commas only and keeps MCP and scoped tools whole', () => {
    expect(agent('tools: Read, Bash(git add:*, git commit:*), mcp__github__create_issue').settings.tools).toEqual([
      'Read',
      'Bash(git add:*, git commit:*)',
      'mcp__github__create_issue',
    ]);
  });

  it('reads a YAML list of tools the same way as a string', () => {
    expect(agent('tools: [Read, Grep]').settings.tools).toEqual(['Read', 'Grep']);
  });

  it('types numbers and booleans and drops values of the wrong type', () => {
    const { settings } = agent('maxTurns: 12\nbackground: true\nmodel: 42\neffort: 3');
    expect(settings.maxTurns).toBe(12);
    expect(settings.background).toBe(true);
    expect(settings.model).toBeUndefined();
    expect(settings.effort).toBe(3);
  });

  it('gives the description as the client uses it, literal \\n as a line break', () => {
    expect(agent('color: blue').settings.description).toBe('Use it when typing.');
    const wizard = parseAgentFile('---\nname: w\ndescription: One\\ntwo: three\n---\nYou.\n');
    expect(wizard.settings.description).toBe('One\ntwo: three');
  });

  it('reads maxTurns as the client does: thousands, exponents and a leading whole number', () => {
    const read = (value: string) => agent(`maxTurns: ${value}`).settings.maxTurns;
    expect([read('"5,000"'), read('3_000'), read('1e3'), read('5abc'), read('"12 turns"'), read('5.5'), read('"0x10"')]).toEqual([5000, 3000, 1000, 5, 12, undefined, undefined]);
  });

  it('leaves a missing field undefined and maxTurns that is not a positive integer out', () => {
    const { settings } = agent('maxTurns: -3');
    expect(settings.tools).toBeUndefined();
    expect(settings.maxTurns).toBeUndefined();
  });
});
