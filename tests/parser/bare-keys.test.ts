import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { bareKeys } from '../../src/parser/bare-keys.js';

const file = (...frontmatter: string[]): string => ['---', ...frontmatter, '---', 'You are a test agent.', ''].join('\n');

// The verdicts below are the client's (cc-oracle); tests/fixtures/oracle holds many more (*-bare-key-*).
describe('bare keys: a node where a map expects a key, then a `?` line', () => {
  it('reads the node as a key with a null value, as Bun does', () => {
    const doc = parseAgentFile(file('name: x', 'description: y', 'foo', '?', 'name: z'));
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'z' });
    // A bare `name` is a key too: its null value makes the file no agent.
    expect(parseAgentFile(file('description: y', 'name', '?')).verdict.kind).toBe('not-an-agent');
  });

  it('reads a list at the map indentation as one key, up to the `?`', () => {
    expect(parseAgentFile(file('name: x', 'description: y', '- a', '- b', '?', 'model: sonnet')).verdict).toMatchObject({ kind: 'loaded', name: 'x' });
  });

  it('still fails as Bun does without the `?`, and on a list after an explicit key', () => {
    expect(parseAgentFile(file('name: x', 'description: y', 'foo', 'model: sonnet')).verdict.kind).toBe('skipped');
    const listAfterKey = parseAgentFile(file('name: x', 'description: y', '? k', '- a'));
    expect(listAfterKey.verdict).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('Unexpected token') });
  });

  it('keeps the lines and columns of the fields after the rewrite', () => {
    const text = file('name: x', 'description: y', '- a', '  - b', '?', 'model: sonnet', '[k]', '?', 'color: blue');
    const doc = parseAgentFile(text);
    expect(doc.verdict.kind).toBe('loaded');
    const at = (key: string) => doc.fields.find((field) => field.key === key);
    expect(at('model')).toMatchObject({ line: 7, column: 1, valueLine: 7, valueColumn: 8 });
    expect(at('color')).toMatchObject({ line: 10, column: 1, valueLine: 10, valueColumn: 8 });
  });

  it('maps every offset of the rewritten text back into the text as written', () => {
    const text = 'a: 1\n- x\n  - y\n?\nb: 2\n';
    const rewrite = bareKeys(text);
    if (!rewrite || 'fail' in rewrite) throw new Error('expected a rewrite');
    expect(rewrite.text).toBe('a: 1\n? - x\n    - y\n?\nb: 2\n');
    for (let offset = 0; offset <= rewrite.text.length; offset++) {
      const back = rewrite.back(offset);
      expect(back).toBeGreaterThanOrEqual(0);
      expect(back).toBeLessThanOrEqual(text.length);
      // Characters that were in the text map to the same character.
      const inserted = (offset >= 5 && offset < 7) || (offset >= 11 && offset < 13);
      if (!inserted) expect(text[back]).toBe(rewrite.text[offset]);
    }
  });

  it('reads anchors and tags on lines of their own, with the node under them, as one bare key', () => {
    // A `: v` line further right is a map, the properties' node (yaml reads an empty key there).
    expect(parseAgentFile(file('name: x', 'description: d', '&a', ' : v', '? model', ': sonnet')).verdict).toMatchObject({ kind: 'loaded', name: 'x' });
    expect(parseAgentFile(file('description: d', '!t', '  : v', '  : w', '? name', '? model')).verdict.kind).toBe('not-an-agent');
    // Properties over several lines go with one node; a `?` under them is that node, its own properties kept.
    expect(parseAgentFile(file('description: d', '&a', '!t', ' : v', '? name', ': z')).verdict).toMatchObject({ kind: 'loaded', name: 'z' });
    expect(parseAgentFile(file('description: d', '&a', '&a', '? name', '? name', ': z')).verdict).toMatchObject({ kind: 'loaded', name: 'z' });
    expect(parseAgentFile(file('description: d', '&a', '? &a tools', '? name', ': z')).verdict).toMatchObject({ kind: 'loaded', name: 'z' });
    // Without a `?` after the node, or with a `:` under the explicit key's node, Bun stops.
    expect(parseAgentFile(file('name: x', 'description: d', '&a', ' : v', 'model: sonnet')).verdict.kind).toBe('skipped');
    const colonBelow = parseAgentFile(file('name: x', 'description: d', '&a', '? !!str tools', ' : Read', '? model'));
    expect(colonBelow.verdict).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('Multiline implicit key') });
  });

  it('stops where Bun does on properties and their node with no `?` after them, in Bun\'s words', () => {
    const reason = (...lines: string[]) => (parseAgentFile(file(...lines)).verdict as { reason?: string }).reason;
    expect(reason('? |', '!t', '  name', ': x', 'description: d')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('? |', '!t', '  name', 'description: d')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    expect(parseAgentFile(file('? |', '!t', '  name', '? y', 'description: d')).verdict.kind).toBe('not-an-agent');
  });
});
