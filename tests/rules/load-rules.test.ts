import { describe, expect, it } from 'vitest';
import { agentText } from '../helpers/agent.js';
import { suggestName } from '../../src/rules/index.js';
import { firedRules, hits, lint } from '../helpers/rules.js';

const WIZARD_DESCRIPTION =
  'description: Use this agent when X. Examples:\\n<example>\\nContext: a\\nuser: "b"\\nassistant: "c"\\n<commentary>d</commentary>\\n</example>';

describe('a good agent', () => {
  it('gets no diagnostic at all under the default config', () => {
    expect(lint(agentText())).toEqual([]);
  });
});

describe('load/skipped', () => {
  it('is an error at the YAML error when the frontmatter does not parse', () => {
    // The client reports its retry's error: with the description quoted, the retry stops at `<example>`.
    const found = hits(lint('---\nname: a\ndescription: Use when: x\nExamples:\n<example>\n---\nYou are.\n'), 'load/skipped');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 5, column: 1 });
    expect(found[0]?.message).toMatch(/^Claude Code skips this file: failed to parse and was ignored: YAML Parse error: .+\.$/);
  });

  it('points at a YAML error further down, at its line and column', () => {
    const text = ['---', 'name: a', 'description: fine', 'model: sonnet', 'color: red', 'x: - a', '---', 'You are.', ''].join('\n');
    const [found] = hits(lint(text), 'load/skipped');
    expect(found?.message).toContain('failed to parse');
    expect(found).toMatchObject({ line: 6, column: 4 });
    const recovered = hits(lint(text.replace('x: - a', 'x: @foo')), 'load/recovered');
    expect(recovered[0]).toMatchObject({ line: 6, column: 4 });
  });

  it('points at the name when a field check fails', () => {
    const [found] = hits(lint('---\ndescription: Use it\nname: "team:api"\n---\nYou are.\n'), 'load/skipped');
    expect(found).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(found?.message).toContain('names must not contain ":"');
  });

  it('stays silent on a file the client loads', () => {
    expect(hits(lint(agentText()), 'load/skipped')).toEqual([]);
  });

  it('keeps the rules about content off a skipped file', () => {
    const fired = firedRules(lint('---\nname: a\ndescription: 5\n---\nshort\n'));
    expect(fired).toContain('load/skipped');
    expect(fired.filter((id) => id.startsWith('description/') || id.startsWith('body/'))).toEqual([]);
  });
});

describe('load/recovered', () => {
  it('warns at the YAML error about a frontmatter only the retry reads, naming it', () => {
    const [found] = hits(lint(['---', 'name: api-helper', WIZARD_DESCRIPTION, '---', 'You are.', ''].join('\n')), 'load/recovered');
    expect(found).toMatchObject({ severity: 'warning', line: 3, column: 14 });
    expect(found?.message).toMatch(/^the frontmatter is not valid YAML \(.+\); only Claude Code's retry reads it\. Run "agentsmith check --fix" to rewrite it as strict YAML\.$/);
  });

  it('stays silent on strict YAML', () => {
    expect(hits(lint(agentText()), 'load/recovered')).toEqual([]);
  });
});

describe('load/skipped and load/recovered: a * that opens a value', () => {
  // Measured with the real client (2.1.328): `- *` in a list and `x: *` in a nested map are skipped
  // ("YAML Parse error: Unexpected character"); `model: *` and `tools: *, Read` load through its retry.
  const file = (...lines: string[]) => ['---', 'name: a', 'description: Use this agent when a star is written.', ...lines, '---', 'You are.', ''].join('\n');

  it('keeps the client reason of a skipped file and adds how to fix it, at the *', () => {
    const reason = 'Claude Code skips this file: failed to parse and was ignored: YAML Parse error: Unexpected character (Alias cannot be an empty string)';
    const fix = "write the value in quotes: '*' (a lone * is an alias with no name to YAML).";
    expect(hits(lint(file('tools:', '  - *', '  - Read')), 'load/skipped')).toEqual([
      { rule: 'load/skipped', severity: 'error', message: `${reason}; ${fix}`, line: 5, column: 5 },
    ]);
    expect(hits(lint(file('metadata:', '  x: *', 'model: sonnet')), 'load/skipped')).toMatchObject([{ message: `${reason}; ${fix}`, line: 5, column: 6 }]);
  });

  it('says how to fix a value only the retry reads, quoting the whole value', () => {
    const [found] = hits(lint(file('model: *', 'color: blue')), 'load/recovered');
    expect(found?.message).toBe(
      "the frontmatter is not valid YAML (Alias cannot be an empty string); only Claude Code's retry reads it. Write the value in quotes: '*' (a lone * is an alias with no name to YAML), or run \"agentsmith check --fix\" to rewrite it as strict YAML.",
    );
    expect(hits(lint(file('tools: *, Read', 'color: blue')), 'load/recovered')[0]?.message).toContain(
      "Write the value in quotes: '*, Read' (to YAML, a * that opens a value starts an alias), or run",
    );
    // The retry quotes the rest of the line whole: ` #1` is part of the value the client reads.
    const hash = file('description: * Use this agent when #1 priority work arrives.');
    expect(lint(hash).find((d) => d.rule === 'load/recovered')?.message).toContain("Write the value in quotes: '* Use this agent when #1 priority work arrives.'");
  });

  it('gives no such advice for an alias with a name (*default), whose anchor is missing', () => {
    expect(hits(lint(file('model: *default', 'color: blue')), 'load/recovered')[0]?.message).not.toContain('in quotes');
  });
});

describe('load/not-an-agent', () => {
  const readme = '# Notes about our agents\n\nNothing here.\n';

  it('warns about a file in an agents folder that the client ignores, with its reason', () => {
    expect(lint(readme)).toEqual([
      {
        rule: 'load/not-an-agent',
        severity: 'warning',
        message: 'Claude Code does not treat this file as an agent: the file does not start with a --- frontmatter block.',
        line: 1,
        column: 1,
      },
    ]);
  });

  it('gives a blank first line as the reason when the fence is on line 2', () => {
    const [found] = lint(`\n${agentText()}`);
    expect(found?.rule).toBe('load/not-an-agent');
  });

  it('stays silent outside an agents folder', () => {
    expect(lint(readme, { inAgentsFolder: false })).toEqual([]);
  });

  it('runs no other rule on a file that is not an agent', () => {
    expect(firedRules(lint('---\ndescription: Expert.\nmodel: gpt-4\n---\nshort\n'))).toEqual(['load/not-an-agent']);
  });
});

describe('name/format', () => {
  it('warns about a name with capitals and spaces and suggests a kebab-case one', () => {
    const [found] = hits(lint(agentText({ name: 'API Expert' }), { stem: null }), 'name/format');
    expect(found).toMatchObject({ severity: 'warning', line: 2, column: 1 });
    expect(found?.message).toBe('name "API Expert" is not kebab-case; use something like "api-expert".');
  });

  it.each([
    ['CodeReviewer', 'code-reviewer'],
    ['APIHelper', 'api-helper'],
    ['myAgent_v2', 'my-agent-v2'],
    ['Über Agent', 'uber-agent'],
    ['ﬁle Agent', 'file-agent'],
  ])('suggests a kebab-case name for %s: %s', (name, suggestion) => {
    const [found] = hits(lint(agentText({ name }), { stem: null }), 'name/format');
    expect(found?.message).toBe(`name "${name}" is not kebab-case; use something like "${suggestion}".`);
  });

  it('keeps a suggestion to 64 characters', () => {
    // Cut after the last whole word that fits: 13 words of 4 letters and their hyphens are 64 characters.
    expect(suggestName(`${'LongWord'.repeat(12)}`)).toBe(`${Array(6).fill('long-word').join('-')}-long`);
    // One word longer than the limit is cut inside it, at the limit.
    expect(suggestName('a'.repeat(70))).toBe('a'.repeat(64));
    expect(suggestName(`${'a'.repeat(70)}-b`)).toBe('a'.repeat(64));
    expect(suggestName(`${'LongWord'.repeat(12)}`)).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('warns about a kebab-case name longer than 64 characters', () => {
    const long = `a${'-b'.repeat(40)}`;
    expect(hits(lint(agentText({ name: long })), 'name/format')).toHaveLength(1);
  });

  it('says a kebab-case name is too long, not that it is not kebab-case, and cuts it at a whole word', () => {
    const long = 'database-migration-and-schema-evolution-specialist-for-postgres-clusters';
    const [found] = hits(lint(agentText({ name: long })), 'name/format');
    expect(found?.message).toBe(
      `name "${long}" has ${long.length} characters; keep it to 64, such as "database-migration-and-schema-evolution-specialist-for-postgres".`,
    );
    const single = 'a'.repeat(70);
    expect(hits(lint(agentText({ name: single }), { stem: null }), 'name/format')[0]?.message).toBe(
      `name "${single}" has 70 characters; keep it to 64, such as "${'a'.repeat(64)}".`,
    );
    const both = `${'Word '.repeat(15)}End`;
    expect(suggestName(both)).toBe(Array(13).fill('word').join('-'));
    expect(suggestName(`${both}s`)).toBe(Array(13).fill('word').join('-'));
    expect(suggestName(`${'Words '.repeat(15)}`)).toBe(Array(10).fill('words').join('-'));
    expect(hits(lint(agentText({ name: both }), { stem: null }), 'name/format')[0]?.message).toBe(
      `name "${both}" has ${both.length} characters and is not kebab-case; keep it to 64, such as "${suggestName(both)}".`,
    );
  });

  it.each(['api', 'api-helper-2', 'a1-b2-c3'])('stays silent on %s', (name) => {
    expect(hits(lint(agentText({ name })), 'name/format')).toEqual([]);
  });

  it.each(['api--helper', 'api_helper', 'api-'])('warns about %s', (name) => {
    expect(hits(lint(agentText({ name })), 'name/format')).toHaveLength(1);
  });
});

describe('name/file-name', () => {
  it('warns when the name differs from the file name', () => {
    const [found] = hits(lint(agentText({ name: 'api-developer' }), { stem: 'api' }), 'name/file-name');
    expect(found).toMatchObject({ severity: 'warning', line: 2, column: 1 });
    expect(found?.message).toBe('name "api-developer" differs from the file name "api.md"; rename one of them.');
  });

  it('stays silent when they match, or when there is no file', () => {
    expect(hits(lint(agentText({ name: 'api' }), { stem: 'api' }), 'name/file-name')).toEqual([]);
    expect(hits(lint(agentText({ name: 'api' }), { stem: null }), 'name/file-name')).toEqual([]);
  });
});

describe('YAML error positions', () => {
  it('come from the reader that stopped: the fast path, yaml, a NUL, a directive, the retry', () => {
    const at = (frontmatter: string) => {
      const found = lint(`---\n${frontmatter}---\nYou are.\n`).filter((d) => d.rule === 'load/skipped' || d.rule === 'load/recovered');
      return found.map((d) => `${d.rule} ${d.line}:${d.column}`);
    };
    // A nested map in a one-line value: the value, where the fast path stops (the retry then reads it).
    expect(at('name: a\ndescription: d\nmodel: x: y\n')).toEqual(['load/recovered 4:8']);
    // A NUL: where it is.
    expect(at('name: a\ndescription: d\nx: a\0b\n')).toEqual(['load/skipped 4:5']);
    // A stray directive after content.
    expect(at('name: a\ndescription: d\n%YAML 1.2\n')).toEqual(['load/skipped 4:1']);
    // An error inside a block map, found by yaml.
    expect(at('name: a\ndescription: d\nx:\n  a: 1\n b: 2\n')).toEqual(['load/skipped 6:1']);
  });
});

describe('load/skipped and load/not-an-agent point at the field at fault and say how to fix it', () => {
  const skipped = (frontmatter: string) => hits(lint(`---\n${frontmatter}\n---\nYou are.\n`), 'load/skipped');
  const ignored = (frontmatter: string) => hits(lint(`---\n${frontmatter}\n---\nYou are.\n`), 'load/not-an-agent');
  const MISSING = 'Claude Code skips this file: Missing required "description" field in frontmatter';

  // Verdicts measured with the real client: description: 5 and Description: … are skipped with this reason.
  it.each([
    ['name: a\nmodel: sonnet\ndescription: 5', 'description is a number', 4],
    ['name: a\nmodel: sonnet\ndescription:', 'description is empty', 4],
    ['name: a\nmodel: sonnet\ndescription: [a, b]', 'description is a list', 4],
  ])('a description that is no text: %j', (frontmatter, what, line) => {
    expect(skipped(frontmatter)).toMatchObject([
      { message: `${MISSING} (${what}; write it as text, e.g. description: "Use this agent when …").`, line, column: 1 },
    ]);
  });

  it('a description key the client does not read', () => {
    expect(skipped('name: a\nmodel: sonnet\nDescription: Use this agent when x')).toMatchObject([
      { message: `${MISSING} (the key is written "Description"; the client reads only "description").`, line: 4, column: 1 },
    ]);
    expect(skipped('name: a\nmodel: sonnet')).toMatchObject([{ message: `${MISSING}.`, line: 2 }]);
  });

  it('a hooks problem, at the key it names', () => {
    const text = 'name: a\ndescription: Use this agent when x\nmodel: sonnet\n';
    expect(skipped(`${text}hooks: []`)).toMatchObject([{ line: 5, column: 1 }]);
    expect(skipped(`${text}PreToolUse: [{matcher: x, hooks: [{type: command, command: x}]}]`)).toMatchObject([{ line: 5, column: 1 }]);
    expect(skipped(`${text}agent:\n  hooks:\n    - {type: command, command: x}`)).toMatchObject([{ line: 5, column: 1 }]);
  });

  // Measured with the real client: `Name: x` makes the file no agent at all, without a message.
  it('a name key the client does not read, or an empty name', () => {
    expect(ignored('description: Use this agent when x\nName: api-helper')).toEqual([
      {
        rule: 'load/not-an-agent',
        severity: 'warning',
        message: 'Claude Code does not treat this file as an agent: the frontmatter has no name (the key is written "Name"; the client reads only "name").',
        line: 3,
        column: 1,
      },
    ]);
    expect(ignored('description: Use this agent when x\nagent_name: api-helper')[0]?.message).toContain('(the key is written "agent_name"; the client reads only "name")');
    expect(ignored('description: Use this agent when x\nname:')[0]).toMatchObject({
      message: 'Claude Code does not treat this file as an agent: the frontmatter has no name (name is empty; write a kebab-case name such as "api-developer").',
      line: 3,
    });
    expect(ignored('description: Use this agent when x\nmodel: sonnet')[0]).toMatchObject({
      message: 'Claude Code does not treat this file as an agent: the frontmatter has no name.',
      line: 1,
    });
  });
});

describe('load/not-an-agent: the name hint only for a frontmatter without a name', () => {
  it('says nothing of keys when the block is not closed', () => {
    const [found] = hits(lint('---\nName: api\ndescription: Use this agent when x\n'), 'load/not-an-agent');
    expect(found?.message).not.toContain('the key is written');
  });
});
