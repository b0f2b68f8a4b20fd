import { describe, expect, it } from 'vitest';
import { clientMaxTurns, MAX_FILE_BYTES, MAX_NAME_LENGTH, parseAgentBytes, parseAgentFile } from '../../src/parser/index.js';

/** A file with the given frontmatter lines and a short body. */
const file = (...lines: string[]): string => ['---', ...lines, '---', 'You are an agent.', ''].join('\n');
const verdictOf = (...lines: string[]) => parseAgentFile(file(...lines)).verdict;

const MISSING_NAME = { kind: 'skipped', reason: 'Missing required "name" field in frontmatter' };
const MISSING_DESCRIPTION = { kind: 'skipped', reason: 'Missing required "description" field in frontmatter' };

describe('the client verdict on name', () => {
  it('loads a file with a string name and a string description, under that name', () => {
    expect(verdictOf('name: api-helper', 'description: Use it')).toMatchObject({ kind: 'loaded', name: 'api-helper' });
  });

  it.each([
    ['missing', 'other: 1'],
    ['empty', 'name: ""'],
    ['null', 'name:'],
    ['zero', 'name: 0'],
    ['false', 'name: false'],
  ])('says a file whose name is %s is not an agent, silently', (_label, line) => {
    expect(verdictOf(line, 'description: Use it')).toEqual({ kind: 'not-an-agent', reason: 'the frontmatter has no name' });
  });

  it.each([
    ['a number', 'name: 5'],
    ['true', 'name: true'],
    ['a list', 'name: [a, b]'],
    ['a map', 'name: {a: 1}'],
  ])('skips a file whose name is %s', (_label, line) => {
    expect(verdictOf(line, 'description: Use it')).toEqual(MISSING_NAME);
  });

  it('skips a name that starts with "-"', () => {
    expect(verdictOf('name: -helper', 'description: Use it')).toEqual({
      kind: 'skipped',
      reason: 'Invalid "name": names must not start with "-"',
    });
  });

  it(`loads a name of exactly ${MAX_NAME_LENGTH} characters and skips one of ${MAX_NAME_LENGTH + 1}`, () => {
    const ok = 'a'.repeat(MAX_NAME_LENGTH);
    expect(verdictOf(`name: ${ok}`, 'description: Use it')).toMatchObject({ kind: 'loaded', registeredName: ok });
    expect(verdictOf(`name: ${ok}b`, 'description: Use it')).toEqual({
      kind: 'skipped',
      reason: `Invalid "name": names must be at most ${MAX_NAME_LENGTH} characters`,
    });
  });

  it('shows a loaded name as the client does: control characters and runs of spaces become one space', () => {
    // YAML escapes: \t is a tab, \u200B a zero-width space (a format character).
    expect(verdictOf('name: "  api\\t \\u200Bhelper  "', 'description: Use it')).toEqual({
      kind: 'loaded',
      name: 'api helper',
      registeredName: '  api\t \u200Bhelper  ',
    });
  });

  it.each([
    ['a colon', 'name: "team:api"'],
    ['a full-width colon (NFKC)', 'name: team\uFF1Aapi'],
    ['a small colon (NFKC)', 'name: team\uFE55api'],
  ])('skips a name holding %s', (_label, line) => {
    expect(verdictOf(line, 'description: Use it')).toEqual({
      kind: 'skipped',
      reason: 'Invalid "name": names must not contain ":" (reserved for plugin namespacing)',
    });
  });

  it('loads a name with spaces and capitals, which are only poor style', () => {
    expect(verdictOf('name: API Expert', 'description: Use it')).toMatchObject({ kind: 'loaded', name: 'API Expert' });
  });

  it('checks the name before the description', () => {
    expect(verdictOf('name: -x')).toMatchObject({ reason: 'Invalid "name": names must not start with "-"' });
  });
});

describe('the client verdict on description', () => {
  it.each([
    ['missing', 'other: x'],
    ['empty', 'description: ""'],
    ['null', 'description:'],
    ['a number', 'description: 42'],
    ['a list', 'description: [a]'],
    ['a map', 'description: {a: b}'],
    ['false', 'description: false'],
  ])('skips a file whose description is %s', (_label, line) => {
    expect(verdictOf('name: a', line)).toEqual(MISSING_DESCRIPTION);
  });
});

describe('the client verdict on hooks', () => {
  it('skips hooks written as a list', () => {
    // The client says only "Unknown parsing error"; the detail says what is wrong.
    expect(verdictOf('name: a', 'description: d', 'hooks: []')).toEqual({
      kind: 'skipped',
      reason: 'Unknown parsing error',
      detail: 'hooks: must be an object mapping event names to matcher arrays; received a list',
    });
  });

  it('skips a PreToolUse hook declared at the top level', () => {
    expect(verdictOf('name: a', 'description: d', 'PreToolUse: [{matcher: Bash}]').kind).toBe('skipped');
  });

  it('loads hooks whose keys are not events the client guards, such as a single matcher (measured with the client)', () => {
    expect(verdictOf('name: a', 'description: d', 'hooks: {matcher: Bash, hooks: []}')).toMatchObject({ kind: 'loaded' });
    expect(verdictOf('name: a', 'description: d', 'hooks: {Stop: x}')).toMatchObject({ kind: 'loaded' });
  });

  it('loads a PreToolUse matcher with a hooks list of valid hooks', () => {
    const lines = ['hooks:', '  PreToolUse:', '    - matcher: Bash', '      hooks:', '        - type: command', '          command: echo hi'];
    expect(verdictOf('name: a', 'description: d', ...lines)).toMatchObject({ kind: 'loaded', name: 'a' });
  });

  it.each([
    ['a matcher without a hooks list', '[{matcher: Bash}]'],
    ['a matcher that is not a map', '[x]'],
    ['a matcher whose matcher is not a string', '[{matcher: 5, hooks: []}]'],
    ['a hook of an unknown type', '[{hooks: [{type: foo, command: x}]}]'],
    ['a command hook without its command', '[{hooks: [{type: command}]}]'],
    ['a hook with a timeout that is not a number', '[{hooks: [{type: command, command: x, timeout: soon}]}]'],
    ['matchers written as a map', '{matcher: Bash}'],
  ])('skips a PreToolUse event with %s (measured with the client)', (_label, value) => {
    expect(verdictOf('name: a', 'description: d', 'hooks:', `  PreToolUse: ${value}`).kind).toBe('skipped');
  });

  it.each([
    ['command', '{type: command, command: x, timeout: 5}'],
    ['prompt', '{type: prompt, prompt: x}'],
    ['agent', '{type: agent, prompt: x}'],
    ['http', '{type: http, url: "https://example.com"}'],
  ])('loads a PreToolUse hook of type %s with its field', (_label, hook) => {
    expect(verdictOf('name: a', 'description: d', 'hooks:', `  PermissionRequest: [{hooks: [${hook}]}]`).kind).toBe('loaded');
  });

  // Hooks written somewhere else than `hooks:` (tests/fixtures/oracle/*-hooks-* hold ~200 such files with the client's verdicts).
  it.each([
    ['a guarded event inside another field', 'x: {PreToolUse: x}', 'x.PreToolUse: a PreToolUse hook outside "hooks"'],
    ['a guarded event four levels down', 'x: [[[{PermissionRequest: x}]]]', 'x[0][0][0].PermissionRequest: a PermissionRequest hook outside "hooks"'],
    ['a guarded event inside a matcher of hooks', 'hooks: {Stop: [{PreToolUse: x}]}', 'hooks.Stop[0].PreToolUse: a PreToolUse hook outside "hooks"'],
    ['a hooks list directly in hooks', 'hooks: {hooks: [x]}', 'hooks: a matcher with hooks outside an event of "hooks"'],
    ['a matcher under an unknown event written as a map', 'hooks: {Foo: {hooks: [a]}}', 'hooks.Foo: a matcher with hooks outside an event of "hooks"'],
    ['a matcher in another field', 'skills: [{matcher: a, hooks: [b]}]', 'skills[0]: a matcher with hooks outside an event of "hooks"'],
    ['a single hook where a hooks list belongs', 'x: {hooks: {type: command, command: b}}', 'x: a matcher with hooks outside an event of "hooks"'],
  ])('skips %s (measured with the client)', (_label, line, detail) => {
    expect(verdictOf('name: a', 'description: d', line)).toEqual({ kind: 'skipped', reason: 'Unknown parsing error', detail });
  });

  it.each([
    ['an empty or null guarded event', 'x: {PreToolUse: [], PermissionRequest: null}'],
    ['a guarded event five levels down', 'x: {a: {b: {c: {d: {PreToolUse: x}}}}}'],
    ['anything under mcpServers', 'mcpServers: {a: {PreToolUse: [a], hooks: [b]}}'],
    ['anything under metadata, at any depth', 'x: {metadata: {PreToolUse: x, y: {matcher: a, hooks: [b]}}}'],
    ['a hooks list beside a known event', 'x: {Stop: null, hooks: [a]}'],
    ['matchers under a known event anywhere', 'x: {Stop: {hooks: [a]}}'],
    ['matchers in the lists of hooks, whatever the event', 'hooks: {Foo: [{hooks: [a]}]}'],
    ['a hooks value that is not a list or a hook', 'x: {hooks: {command: a}}'],
  ])('loads %s (measured with the client)', (_label, line) => {
    expect(verdictOf('name: a', 'description: d', line)).toMatchObject({ kind: 'loaded', name: 'a' });
  });
});

describe('the client verdict on frontmatter that is not a map or not YAML', () => {
  it('treats a list as {} and so as not an agent', () => {
    const doc = parseAgentFile(file('- name', '- description'));
    expect(doc.verdict.kind).toBe('not-an-agent');
    expect(doc.frontmatter).toEqual({});
  });

  it('treats a lone scalar as {} and so as not an agent', () => {
    expect(verdictOf('just some words').kind).toBe('not-an-agent');
  });

  it('skips a block that fails the parse and the retry, naming the YAML error', () => {
    const doc = parseAgentFile(file('name: a', 'description: d', '  bad: [unclosed'));
    expect(doc.verdict.kind).toBe('skipped');
    expect(doc.verdict).toMatchObject({ reason: expect.stringMatching(/^failed to parse and was ignored: YAML Parse error: /) });
    expect(doc.readMode).toBe('none');
    expect(doc.yamlError).toBeTruthy();
  });

  it('words a second anchor or tag for one node as Bun does, on one line or over lines', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason('&a &b', ' : x', '? model')).toBe('failed to parse and was ignored: YAML Parse error: Multiple anchors');
    expect(reason('&a', '&b', 'model: sonnet')).toBe('failed to parse and was ignored: YAML Parse error: Multiple anchors');
    expect(reason('!t', '!u', ': x')).toBe('failed to parse and was ignored: YAML Parse error: Multiple tags');
    // A `?` at the properties' column ends the node first: Bun stops later, for another reason.
    expect(reason('&a', '&b', '? model', ': sonnet')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
  });

  it('words a quote left open on a line of its own after an entry as Bun does (what the retry leaves of a closing quote)', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason("x: 'a#", "' # c")).toBe('failed to parse and was ignored: YAML Parse error: Unexpected EOF');
    expect(reason("x: 'a#", "' # c", 'model: sonnet')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected character');
  });

  it('words a `:` line after a list value by the column of the last entry\'s text, as Bun does', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason('tools:', '  - a', '    b', '  : v')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    expect(reason('tools:', '  - a', '    b', '    : v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
  });

  it('words a bare key going on over lines with its `:` on a later line as Bun does, whatever the `:`\'s column', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason('foo', '  bar', ': v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('tools:', '  k: v', '  foo', '    bar', ' : v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('foo', '  bar', 'model: m')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    // After a list or map value, its lines must pass that collection's indentation to be the key's.
    expect(reason('tools:', '  - a', 'foo', '  bar', ': v')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    expect(reason('tools:', '  - a', 'foo', '    bar', ': v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
  });

  it('words a key or entry indented with spaces then a tab as Bun does, over lines of blanks and a tab too', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason(' \t', ' \tcolor: blue')).toBe('failed to parse and was ignored: YAML Parse error: Tab characters cannot be used as indentation');
    expect(reason('tools:', '   \t ', ' \t  - Read')).toBe('failed to parse and was ignored: YAML Parse error: Tab characters cannot be used as indentation');
    // Where the value stopped Bun on a line before (a pair in a plain value, `k: ? x`), that line's words.
    expect(reason('  PreToolUse:', ' \tmatcher: x')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    expect(reason('PreToolUse: ? odd', ' \tmodel: m')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    // A list entry under `key:` alone: the spaces must reach that key's own column.
    expect(reason('hooks:', '  matcher:', ' \t- a')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
    expect(reason('hooks:', '  matcher:', '  \t- a')).toBe('failed to parse and was ignored: YAML Parse error: Tab characters cannot be used as indentation');
    // (A tab between a key and its value changes nothing there.)
    expect(reason('model:\tm', ' \tcolor: blue')).toBe('failed to parse and was ignored: YAML Parse error: Tab characters cannot be used as indentation');
    expect(reason('model:\tm', '  color: blue')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
  });

  it('words an anchor with no name first, as Bun meets it, also where yaml reports the key around it first', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', ...lines) as { reason?: string }).reason;
    expect(reason('description:', '  & more', "  it's", 'model: m')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected character');
  });

  it('words a `:` line after a plain scalar that opens the document as Bun does: one key going on over lines', () => {
    const reason = (...lines: string[]) => (verdictOf(...lines) as { reason?: string }).reason;
    expect(reason('foo', '? name', ': x', 'description: d')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('"foo"', '? name', ': x', 'description: d')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
  });

  it('lets a merge key replace a name written as a list (`[name]: a`), not one written as a string, as Bun does', () => {
    expect(verdictOf('[name]: a', '<<: {name: b}', 'description: d')).toMatchObject({ kind: 'loaded', name: 'b' });
    expect(verdictOf('name: a', '<<: {name: b}', 'description: d')).toMatchObject({ kind: 'loaded', name: 'a' });
    expect(verdictOf('<<: {name: b}', '[name]: a', 'description: d')).toMatchObject({ kind: 'loaded', name: 'a' });
  });

  it('words a stray block scalar whose empty lines are further right than its text as Bun does, which scans it first', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', ...lines) as { reason?: string }).reason;
    expect(reason('description: "d"', '  |-', '  ', ' Support')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected character');
    expect(reason('description: "d"', '  |-', ' ', '  Support')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
  });

  it('words a list where a key goes, then a `:` line at its column or its text\'s, as Bun does: a key going on over lines', () => {
    const reason = (...lines: string[]) => (verdictOf('name: x', ...lines) as { reason?: string }).reason;
    expect(reason('description: d', '-', '- b', ': v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('description: d', '- a', '- b', '  : v')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    // A list that is a key's value is no key: the `:` after it is a stray token.
    expect(reason('tools:', '  - a', '  - b', '  : v')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
  });

  it('words a list entry\'s text going on over a `- ` line to a `:` as Bun does: a key going on over lines', () => {
    const reason = (...lines: string[]) => (verdictOf('name: a', 'description: d', ...lines) as { reason?: string }).reason;
    expect(reason('skills:', '  - testing', '    - matcher: x')).toBe('failed to parse and was ignored: YAML Parse error: Multiline implicit key');
    expect(reason('x:', '  k: testing', '    - matcher: x')).toBe('failed to parse and was ignored: YAML Parse error: Unexpected token');
  });

  it('keeps the last of two names, as the client does', () => {
    expect(verdictOf('name: first', 'description: d', 'name: second')).toMatchObject({ kind: 'loaded', name: 'second' });
  });

  it('skips a file with a NUL byte anywhere in the frontmatter (the client reports "Unexpected character")', () => {
    for (const line of ['description: Use\0it', 'description: "Use\0it"', 'description: Use it # c\0']) {
      expect(verdictOf('name: a', line).kind).toBe('skipped');
    }
  });

  it('loads a file with a NUL byte in the body only', () => {
    expect(parseAgentFile('---\nname: a\ndescription: d\n---\nbody \0 here\n').verdict).toMatchObject({ kind: 'loaded', name: 'a' });
  });

  it('loads other control characters in a value, as the client does', () => {
    expect(verdictOf('name: a', 'description: Use\u0001it\u007f').kind).toBe('loaded');
  });

  it('skips an alias bomb instead of expanding it', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const doc = parseAgentFile(file('name: a', 'description: d', ...levels));
    expect(doc.verdict.kind).toBe('skipped');
  });

  it('loads a file that uses a few aliases', () => {
    expect(verdictOf('name: a', 'description: &d Use it', 'other: *d')).toMatchObject({ kind: 'loaded', name: 'a' });
  });

  it('loads 5000-deep flow nesting, as the client does, without overflowing the stack', () => {
    const deep = `x: ${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(verdictOf('name: a', 'description: d', deep)).toMatchObject({ kind: 'loaded', name: 'a' });
  });
});

describe('the client verdict on file size (parseAgentBytes)', () => {
  const sized = (bytes: number): Buffer => {
    const head = file('name: a', 'description: Use it');
    return Buffer.from(head + 'x'.repeat(bytes - Buffer.byteLength(head)));
  };

  it(`loads a file of exactly ${MAX_FILE_BYTES} bytes`, () => {
    expect(parseAgentBytes(sized(MAX_FILE_BYTES)).verdict).toMatchObject({ kind: 'loaded', name: 'a' });
  });

  it('ignores a file one byte over 1 MiB, as not an agent', () => {
    const doc = parseAgentBytes(sized(MAX_FILE_BYTES + 1));
    expect(doc.verdict.kind).toBe('not-an-agent');
    expect(doc.tooLarge).toBe(true);
  });

  it('decodes invalid UTF-8 with replacement characters, as the client does', () => {
    const bytes = Buffer.concat([Buffer.from('---\nname: caf'), Buffer.from([0xe9]), Buffer.from('\ndescription: d\n---\n')]);
    expect(parseAgentBytes(bytes).verdict).toMatchObject({ kind: 'loaded', name: 'caf\uFFFD' });
  });
});

describe('maxTurns as the client reads it (clientMaxTurns)', () => {
  // From the client's code (2.1.328); that each of these loads or is logged invalid was checked in its debug log.
  it.each([
    [5, 5],
    ['5', 5],
    [' 7 turns', 7],
    ['5abc', 5],
    ['5,000', 5000],
    ['3_000', 3000],
    ['1e3', 1000],
    [[5], 5],
  ])('reads %j as %j', (value, read) => {
    expect(clientMaxTurns(value)).toBe(read);
  });

  it.each([null, undefined, 'abc', '-5abc', '0x10', '1.5e0', 2.5, 0, -3, true, {}])('ignores %j', (value) => {
    expect(clientMaxTurns(value)).toBeUndefined();
  });
});

describe('shownName, the name as the client shows it', () => {
  // The reference: the replacements the client's display makes, which shownName skips for plain names.
  const escape = (text: string) => Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  const reference = (name: string) =>
    name
      .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
      .replace(/[\p{Cn}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu, escape);

  it('agrees with the full replacements on plain names and on names with odd characters', async () => {
    const { shownName } = await import('../../src/parser/verdict.js');
    const fc = (await import('fast-check')).default;
    const piece = fc.constantFrom('a', 'Z', '-', '_', '~', '!', ' ', '  ', '\t', '\u00ad', '\u200b', '\ufe0f', '\ud800', 'é', '\u0000', '\u007f', 'x'.repeat(199));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const name = pieces.join('');
        expect(shownName(name)).toBe(reference(name));
      }),
      { numRuns: 3000 },
    );
    for (const name of ['api-helper', 'My Agent', 'x'.repeat(200), 'x'.repeat(201), ' lead', 'trail ', 'two  spaces']) expect(shownName(name)).toBe(reference(name));
  });
});
