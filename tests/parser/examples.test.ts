import { describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { parseExamples as parseWith, TAG } from '../../src/parser/examples.js';
import fc from 'fast-check';
import { descriptionPositions, lineCounter } from '../../src/parser/description-lines.js';

/** parseExamples with lines counted from `line` (as descriptionStart says), every column 1. */
const parseExamples = (text: string, line: number, multiline: boolean) => {
  const lineOf = lineCounter(text, line, multiline);
  return parseWith(text, (offset) => ({ line: lineOf(offset), column: 1 }));
};

/** A file whose description is a literal block scalar with these lines. */
const blockFile = (...description: string[]): string =>
  ['---', 'name: a', 'description: |', ...description.map((line) => (line ? `  ${line}` : '')), '---', 'You are.', ''].join('\n');

describe('examples of a description with real newlines', () => {
  const doc = parseAgentFile(
    blockFile(
      'Use this agent when the API changes.',
      '',
      '<example>',
      'Context: The user adds an endpoint.',
      'user: "Add GET /users"',
      'assistant: "I\'ll use the api agent."',
      '<commentary>',
      'Endpoints are its job.',
      '</commentary>',
      '</example>',
      '',
      '<example>',
      'Context: A review.',
      'user: Review this',
      'assistant: Sure.',
      'It also checks the tests.',
      '<commentary>Reviews too.</commentary>',
      '</example>',
    ),
  );

  it('finds every <example> block', () => {
    expect(doc.examples).toHaveLength(2);
    expect(doc.unbalancedTags).toEqual([]);
  });

  it('splits an example into context, user, assistant and commentary, without quotes around user and assistant', () => {
    expect(doc.examples[0]).toMatchObject({
      context: 'The user adds an endpoint.',
      user: 'Add GET /users',
      assistant: "I'll use the api agent.",
      commentary: 'Endpoints are its job.',
    });
  });

  it('keeps continuation lines with the part they follow', () => {
    expect(doc.examples[1]).toMatchObject({
      context: 'A review.',
      user: 'Review this',
      assistant: 'Sure.\nIt also checks the tests.',
      commentary: 'Reviews too.',
    });
  });

  it('gives the file line of each <example> tag (the block starts on line 4)', () => {
    expect(doc.examples.map((example) => example.line)).toEqual([6, 15]);
    expect(doc.examples.every((example) => example.column >= 1)).toBe(true);
  });

  it('keeps the whole text between the tags as raw', () => {
    expect(doc.examples[0]?.raw.startsWith('\nContext: The user adds an endpoint.\n')).toBe(true);
    expect(doc.examples[0]?.raw).toContain('<commentary>');
  });
});

describe('examples of a one-line description with literal \\n', () => {
  const description =
    'Use this agent when X. Examples:\\n\\n<example>\\nContext: A.\\nuser: "do a"\\nassistant: "doing a"\\n<Task tool invocation>\\n</example>\\n\\n<example>\\nContext: B.\\nuser: "do b"\\nassistant: "doing b"\\n<commentary>\\nb is why.\\n</commentary>\\n</example>';
  const doc = parseAgentFile(['---', 'name: a', `description: ${description}`, 'model: sonnet', '---', 'You are.', ''].join('\n'));

  it('splits examples after turning \\n into newlines', () => {
    expect(doc.readMode).toBe('recovered');
    expect(doc.examples).toHaveLength(2);
    expect(doc.examples[0]).toMatchObject({ context: 'A.', user: 'do a', assistant: 'doing a' });
    expect(doc.examples[1]).toMatchObject({ context: 'B.', user: 'do b', assistant: 'doing b', commentary: 'b is why.' });
  });

  it('splits turns written on the context line into parts of their own, as the old /agents wizard wrote them', () => {
    const oneLine = '"Use it when X.\\n\\n<example>Context: A request. user: \\"Add it\\" assistant: \'On it.\' <commentary>Why.</commentary></example>"';
    const [example] = parseAgentFile(['---', 'name: a', `description: ${oneLine}`, '---', 'You are.', ''].join('\n')).examples;
    expect(example).toMatchObject({ context: 'A request.', user: 'Add it', assistant: 'On it.', commentary: 'Why.' });
    // Prose that names the user, with no quoted turn after it, stays in the context.
    const prose = '"Use it when X.\\n\\n<example>Context: the user: a developer.\\nuser: \\"Hi\\"\\nassistant: \\"Hello\\"</example>"';
    expect(parseAgentFile(['---', 'name: a', `description: ${prose}`, '---', 'You are.', ''].join('\n')).examples[0]).toMatchObject({
      context: 'the user: a developer.',
      user: 'Hi',
      assistant: 'Hello',
    });
  });

  it('does not read a tool-invocation line as part of the assistant answer', () => {
    expect(doc.examples[0]?.assistant).toBe('doing a');
  });

  it('leaves commentary out when an example has none', () => {
    expect(doc.examples[0]?.commentary).toBeUndefined();
  });

  it('places every example on the description line, at the column of its <example> tag', () => {
    const line = `description: ${description}`;
    const first = line.indexOf('<example>') + 1;
    expect(doc.examples.map(({ line, column }) => [line, column])).toEqual([
      [3, first],
      [3, line.indexOf('<example>', first) + 1],
    ]);
  });
});

/**
 * Each tag the parser found, with its line and whether the file holds that tag at the line and column given
 * (a tag's text is nowhere else in these files).
 */
function tagPlaces(text: string): [string, number, boolean][] {
  const doc = parseAgentFile(text);
  const lines = text.split('\n');
  const tags = [...doc.examples.map((example) => ({ tag: '<example>', line: example.line, column: example.column })), ...doc.unbalancedTags];
  return tags.map(({ tag, line, column }) => [tag, line, (lines[line - 1] ?? '').startsWith(tag, column - 1)]);
}
const fileWith = (...frontmatter: string[]): string => ['---', 'name: a', ...frontmatter, '---', 'You are.', ''].join('\n');

describe('where the tags of a description are written', () => {
  it('maps a plain one-line value straight onto its line, past each \\n', () => {
    expect(tagPlaces(fileWith('description: Use this agent when X.\\n<example>\\nuser: a\\n</example> <commentary>'))).toEqual([
      ['<example>', 3, true],
      ['<commentary>', 3, true],
    ]);
  });

  it('maps a single-quoted value through its doubled quotes', () => {
    expect(tagPlaces(fileWith("description: 'It''s for X.\\n<example>\\nuser: ''a''\\n</example>'"))).toEqual([['<example>', 3, true]]);
  });

  it('maps a double-quoted value through its escapes (\\", \\\\, \\t, \\u, \\x, \\U)', () => {
    const value = String.raw`"Use \"this\" agent \u00e9\x41\t\U0001F600.\n<example>\nuser: \\ a\n</example> <commentary>"`;
    expect(tagPlaces(fileWith(`description: ${value}`))).toEqual([
      ['<example>', 3, true],
      ['<commentary>', 3, true],
    ]);
  });

  it('follows a quoted or plain value over the lines it is folded from', () => {
    expect(tagPlaces(fileWith('description: "Use this', '  agent <example>\\', '    x</example>', '', '  <commentary>"'))).toEqual([
      ['<example>', 4, true],
      ['<commentary>', 7, true],
    ]);
    expect(tagPlaces(fileWith('description: Use this agent', '  when <example> x', '  </example>'))).toEqual([['<example>', 4, true]]);
  });

  it('points into literal and folded blocks at the tag, past the indentation', () => {
    expect(tagPlaces(fileWith('description: |', '  Use this.', '', '    <example> x', '  </example> <commentary>'))).toEqual([
      ['<example>', 6, true],
      ['<commentary>', 7, true],
    ]);
    expect(tagPlaces(fileWith('description: >', '  Use this', '  agent <example> x', '  </example>'))).toEqual([['<example>', 5, true]]);
  });

  it('falls back to the column where the value starts, not column 1, when the value cannot be traced', () => {
    // A value that is not what the text says (as when an engine reads the text some other way): no guess.
    const field = { key: 'description', value: 'Use <example>', line: 3, column: 1, valueLine: 3, valueColumn: 14, valueType: 'PLAIN' };
    const doc = { fields: [field], frontmatterStart: 1, frontmatterText: 'name: a\ndescription: Use it <example>\n', readMode: 'strict' as const };
    expect(descriptionPositions(doc, 'Use <example>')(4)).toEqual({ line: 3, column: 14 });
  });
});

describe('unbalanced tags', () => {
  it('reports an <example> that is never closed, at its line', () => {
    const doc = parseAgentFile(blockFile('Use this agent when X.', '<example>', 'Context: a', '</examples>'));
    expect(doc.examples).toEqual([]);
    expect(doc.unbalancedTags).toEqual([{ tag: '<example>', line: 5, column: 3 }]);
  });

  it('reports a closing tag with no opening one', () => {
    const doc = parseAgentFile(blockFile('Use this agent when X.', 'user: a', '</example>'));
    expect(doc.unbalancedTags).toEqual([{ tag: '</example>', line: 6, column: 3 }]);
  });

  it('reports a commentary left open inside a closed example', () => {
    const doc = parseAgentFile(blockFile('<example>', 'user: a', '<commentary>why', '</example>'));
    expect(doc.unbalancedTags.map((tag) => tag.tag).sort()).toEqual(['</example>', '<commentary>', '<example>']);
  });

  it('reports nothing for a description without tags', () => {
    const doc = parseAgentFile(blockFile('Use this agent when X.'));
    expect(doc.examples).toEqual([]);
    expect(doc.unbalancedTags).toEqual([]);
  });
});

describe('parseExamples', () => {
  it('counts lines from the given first line only when the newlines are real', () => {
    const text = 'intro\n<example>\nuser: x\n</example>';
    expect(parseExamples(text, 10, true).examples[0]?.line).toBe(11);
    expect(parseExamples(text, 10, false).examples[0]?.line).toBe(10);
  });

  it('reads the parts whatever the case of their labels', () => {
    const [example] = parseExamples('<example>\nCONTEXT: c\nUser: u\nAssistant: a\n</example>', 1, true).examples;
    expect(example).toMatchObject({ context: 'c', user: 'u', assistant: 'a' });
  });

  it('leaves out the parts an example does not have', () => {
    const [example] = parseExamples('<example>user: only</example>', 1, true).examples;
    expect(example).toMatchObject({ user: 'only' });
    expect(example?.context).toBeUndefined();
    expect(example?.assistant).toBeUndefined();
  });
});

describe('quotes around turns, and lines that belong to no part', () => {
  const [example] = parseExamples(
    [
      '<example>',
      'Context: "a quoted context"',
      "user: 'Please do X'",
      'assistant: "\'kept\'"',
      '<Task tool invocation>',
      'user: a later turn',
      'more of it',
      '<commentary>c</commentary>',
      '</example>',
    ].join('\n'),
    3,
    true,
  ).examples;

  it('drops one pair of quotes: double or single around a turn, double around a context', () => {
    expect(example).toMatchObject({ context: 'a quoted context', user: 'Please do X', assistant: "'kept'", commentary: 'c' });
  });

  it('keeps the other lines, in order, as extra (a tag line, a later turn and what follows it)', () => {
    expect(example?.extra).toBe(['<Task tool invocation>', 'user: a later turn', 'more of it'].join('\n'));
    expect(parseExamples('<example>Context: c\nuser: u\nassistant: a\n<commentary>d</commentary></example>', 1, true).examples[0]?.extra).toBeUndefined();
  });
});

describe('the tag scan, read by hand', () => {
  /** The scan as it was written with TAG and matchAll: blocks (offset, text) and unbalanced tags (tag, offset). */
  const reference = (text: string) => {
    const blocks: [number, string][] = [];
    const unbalanced: [string, number][] = [];
    const open: { tag: string; offset: number }[] = [];
    for (const match of text.matchAll(TAG)) {
      const tag = match[1] ?? '';
      const offset = match.index ?? 0;
      if (!match[0].startsWith('</')) {
        open.push({ tag, offset });
        continue;
      }
      const last = open.at(-1);
      if (!last || last.tag !== tag) {
        unbalanced.push([`</${tag}>`, offset]);
        continue;
      }
      open.pop();
      if (tag === 'example') blocks.push([last.offset, text.slice(last.offset + '<example>'.length, offset)]);
    }
    for (const left of open) unbalanced.push([`<${left.tag}>`, left.offset]);
    return { blocks, unbalanced };
  };

  it('finds the blocks and unbalanced tags that TAG with matchAll finds, on text made of tags and near misses', () => {
    const piece = fc.constantFrom('<example>', '</example>', '<commentary>', '</commentary>', '<', '</', '<<example>', '<examples>', '<Example>', '</ example>', '<commentary', 'user: hi', 'Context: c', '\n', ' ', 'x', '<b>', '</x-y_1>', '<example', '>', '<commentary/>', '</examplex>');
    // Any tag-like `<name>` other than the four: what the tags rule looks for before scanning a balanced description.
    const otherTag = /<\/?(?!(?:example|commentary)>)[A-Za-z][\w-]*>/;
    let others = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        // Each position reported as the column of its offset, so offsets can be compared.
        const { examples, unbalancedTags, otherTags } = parseWith(text, (offset) => ({ line: 1, column: offset + 1 }));
        expect({
          blocks: examples.map((example) => [example.column - 1, example.raw]),
          unbalanced: unbalancedTags.map((tag) => [tag.tag, tag.column - 1]),
        }).toEqual(reference(text));
        expect(otherTags, text).toBe(otherTag.test(text));
        if (otherTags) others++;
      }),
      { numRuns: 3000 },
    );
    expect(others).toBeGreaterThan(500);
  });
});
