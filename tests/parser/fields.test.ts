import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';

const lines = (...text: string[]): string => text.join('\n');

/** The shape the old /agents wizard wrote: one plain line with literal `\n` escapes and `: ` inside. */
const WIZARD = lines(
  '---',
  'name: backend-api-developer',
  'description: Use this agent when building APIs. Examples:\\n\\n<example>\\nContext: User needs an endpoint.\\nuser: "Add a user endpoint"\\nassistant: "I\'ll use the backend-api-developer agent."\\n<commentary>An API task.</commentary>\\n</example>',
  'model: sonnet',
  'color: orange',
  '---',
  '',
  'You are an API developer.',
  '',
);

describe('readMode', () => {
  it('reads the one-line wizard description with literal \\n and "Context: …" as recovered', () => {
    const doc = parseAgentFile(WIZARD);
    expect(doc.readMode).toBe('recovered');
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'backend-api-developer' });
    expect(doc.yamlError).toBeTruthy();
  });

  it('turns the literal \\n of the description into newlines, as the client does', () => {
    const doc = parseAgentFile(WIZARD);
    expect(doc.frontmatter.description).toContain('\\n\\n<example>');
    expect(doc.description).toContain('\n\n<example>\nContext: User needs an endpoint.\n');
    expect(doc.description).not.toContain('\\n');
  });

  it('reads a block scalar description as strict', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: |', '  Use this agent when: x', '  Context: y', '---', ''));
    expect(doc.readMode).toBe('strict');
    expect(doc.yamlError).toBeUndefined();
    expect(doc.description).toBe('Use this agent when: x\nContext: y\n');
  });

  it('reads a double-quoted description with \\n escapes as strict, with real newlines', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: "Use it: now\\nContext: y"', '---', ''));
    expect(doc.readMode).toBe('strict');
    expect(doc.description).toBe('Use it: now\nContext: y');
  });

  it.each([
    ['": " inside', 'description: Use when: the API is slow'],
    ['a leading @', 'description: @team use this'],
    ['a leading backtick', 'description: `api` helper'],
    ['a leading %', 'description: %100 helper'],
  ])('recovers a plain description with %s through the retry', (_label, line) => {
    const doc = parseAgentFile(lines('---', 'name: a', line, '---', ''));
    expect(doc.readMode).toBe('recovered');
    expect(doc.verdict.kind).toBe('loaded');
    expect(doc.description).toBe(line.slice('description: '.length));
  });

  it('recovers tab-indented lines by turning each leading tab into two spaces', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: d', 'hooks:', '\tStop: []', '---', ''));
    expect(doc.readMode).toBe('recovered');
    expect(doc.frontmatter.hooks).toEqual({ Stop: [] });
  });

  it('gives up when the retry cannot read the block either, and reads nothing', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: Use when: x', 'Examples:', '<example>', 'user: hi', '</example>', '---', ''));
    expect(doc.readMode).toBe('none');
    expect(doc.verdict.kind).toBe('skipped');
    expect(doc.fields).toEqual([]);
    expect(doc.frontmatter).toEqual({});
  });
});

describe('duplicate keys', () => {
  const doc = parseAgentFile(lines('---', 'name: a', 'model: opus', 'description: d', 'model: haiku', '---', ''));

  it('keeps the last value, as the client does', () => {
    expect(doc.frontmatter.model).toBe('haiku');
    expect(doc.fields.find((field) => field.key === 'model')).toMatchObject({ value: 'haiku', line: 5 });
  });

  it('reports every line the key is written on', () => {
    expect(doc.duplicateKeys).toEqual([{ key: 'model', lines: [3, 5] }]);
  });

  it('lists each key once, in order of first appearance', () => {
    expect(doc.fields.map((field) => field.key)).toEqual(['name', 'model', 'description']);
  });

  it('reports nothing when no key repeats', () => {
    expect(parseAgentFile(lines('---', 'name: a', 'description: d', '---', '')).duplicateKeys).toEqual([]);
  });
});

describe('field positions', () => {
  it('gives 1-based lines and columns of each key and value', () => {
    const doc = parseAgentFile(lines('---', 'name:   spaced', "description: 'quoted'", 'tools: Read, Grep', '---', ''));
    expect(doc.fields).toEqual([
      { key: 'name', value: 'spaced', line: 2, column: 1, valueLine: 2, valueColumn: 9, valueType: 'PLAIN' },
      { key: 'description', value: 'quoted', line: 3, column: 1, valueLine: 3, valueColumn: 14, valueType: 'QUOTE_SINGLE' },
      { key: 'tools', value: 'Read, Grep', line: 4, column: 1, valueLine: 4, valueColumn: 8, valueType: 'PLAIN' },
    ]);
  });

  it('names the style of block scalars', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: >', '  folded', 'notes: |-', '  kept', '---', ''));
    expect(doc.fields.map((field) => field.valueType)).toEqual(['PLAIN', 'BLOCK_FOLDED', 'BLOCK_LITERAL']);
  });

  it('counts lines after blank lines and comments in the block', () => {
    const doc = parseAgentFile(lines('---', '', '# a comment', 'name: a', '', 'description: d', '---', ''));
    expect(doc.fields.map((field) => [field.key, field.line])).toEqual([
      ['name', 4],
      ['description', 6],
    ]);
  });

  it('places the fields after a recovered description where they are written, not where the retry moved them', () => {
    const doc = parseAgentFile(WIZARD);
    expect(doc.fields.map((field) => [field.key, field.line, field.column])).toEqual([
      ['name', 2, 1],
      ['description', 3, 1],
      ['model', 4, 1],
      ['color', 5, 1],
    ]);
    expect(doc.fields.find((field) => field.key === 'model')).toMatchObject({ valueLine: 4, valueColumn: 8 });
  });

  it('places a recovered value at its first written character', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description:    Use when: x', 'color: red', '---', ''));
    expect(doc.fields[1]).toMatchObject({ key: 'description', line: 3, column: 1, valueLine: 3, valueColumn: 17 });
    expect(doc.fields[2]).toMatchObject({ key: 'color', line: 4, valueColumn: 8 });
  });

  it('places keys of tab-indented lines at their written column', () => {
    const doc = parseAgentFile(lines('---', '\tname: a', '\tdescription: d', '---', ''));
    expect(doc.readMode).toBe('recovered');
    expect(doc.fields.map((field) => [field.key, field.line, field.column])).toEqual([
      ['name', 2, 2],
      ['description', 3, 2],
    ]);
  });

  it('places the value of a list or a map where the list or map starts', () => {
    const doc = parseAgentFile(lines('---', 'name: a', 'description: d', 'tools:', '  - Read', 'hooks:', '  Stop: []', '---', ''));
    expect(doc.fields.find((field) => field.key === 'tools')).toMatchObject({ line: 4, valueLine: 5, valueColumn: 3 });
    expect(doc.fields.find((field) => field.key === 'hooks')).toMatchObject({ line: 6, valueLine: 7, valueColumn: 3 });
  });

  it('shifts nothing when the file starts with a BOM or uses CRLF', () => {
    const doc = parseAgentFile('\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\n');
    expect(doc.fields.map((field) => [field.key, field.line, field.column, field.valueColumn])).toEqual([
      ['name', 2, 1, 7],
      ['description', 3, 1, 14],
    ]);
  });
});
