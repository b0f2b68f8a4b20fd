import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/rules/index.js';
import { agentText } from '../helpers/agent.js';
import { hits, lint } from '../helpers/rules.js';

/** The diagnostics of `rule` for a good agent with these extra frontmatter lines (written from EXTRA_LINE on). */
const fire = (rule: string, extra: string[], config: Config = {}) => hits(lint(agentText({ extra }), { config }), rule);
const EXTRA_LINE = agentText({ extra: ['marker: 1'] }).split('\n').indexOf('marker: 1') + 1;

describe.each([
  ['field/model', ['model: gpt-4'], ['model: sonnet']],
  ['field/model', ['model: 5'], ['model: claude-sonnet-4-5']],
  ['field/color', ['color: teal'], ['color: cyan']],
  ['field/tools', ['tools: Read, Grepp'], ['tools: Read, Grep, Bash(git add:*), mcp__github__create_issue, Agent(a, b)']],
  ['field/tools', ['tools: 5'], ['tools:', '  - Read', '  - WebFetch']],
  ['field/tools', ['disallowedTools: Wrte'], ['disallowedTools: Write']],
  ['field/tools-overlap', ['tools: Read, Bash', 'disallowedTools: Bash'], ['tools: Read', 'disallowedTools: Bash']],
  ['field/permission-mode', ['permissionMode: yolo'], ['permissionMode: plan']],
  ['field/permission-mode', ['permissionMode: bypassPermissions'], ['permissionMode: acceptEdits']],
  ['field/effort', ['effort: extreme'], ['effort: high']],
  ['field/memory', ['memory: global'], ['memory: project']],
  ['field/isolation', ['isolation: container'], ['isolation: worktree']],
  ['field/max-turns', ['maxTurns: ten'], ['maxTurns: 20']],
  ['field/max-turns', ['maxTurns: 0'], ['maxTurns: 1']],
  ['field/max-turns', ['maxTurns: 2.5'], ['maxTurns: 3']],
  ['field/unknown-key', ['allowed_tools: Read'], ['tools: Read']],
  ['field/duplicate-key', ['model: opus', 'model: haiku'], ['model: opus']],
])('%s', (rule, bad, good) => {
  it(`fires on ${bad.join(' / ')}, at the line it is written on`, () => {
    const found = fire(rule, bad);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.line).toBeGreaterThanOrEqual(EXTRA_LINE);
  });

  it(`stays silent on ${good.join(' / ')}`, () => {
    expect(fire(rule, good)).toEqual([]);
  });
});

describe('messages of the field rules', () => {
  it('suggests the closest model, color and tool', () => {
    expect(fire('field/model', ['model: sonet'])[0]?.message).toBe(
      'model "sonet" is not one of sonnet, opus, haiku, inherit or a full claude-… id; did you mean "sonnet"?',
    );
    expect(fire('field/color', ['color: blu'])[0]?.message).toContain('"blu" is not one of red, blue, green, yellow, purple, orange, pink, cyan, magenta; did you mean "blue"?');
    expect(fire('field/tools', ['tools: Read, Grepp'])[0]?.message).toBe(
      'tools: "Grepp" is not a known tool; did you mean "Grep"? (MCP tools are written mcp__server__tool).',
    );
  });

  it('names the entries of a tools list that are not text, which the client drops', () => {
    const found = fire('field/tools', ['tools: [Read, 5, true]']);
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [EXTRA_LINE, 'tools holds 5 (a number), true (a boolean), which are not tool names; Claude Code ignores them: write tool names as text, or remove them.'],
    ]);
    expect(fire('field/tools', ['disallowedTools:', '  - Write', '  - null'])[0]?.message).toBe(
      'disallowedTools holds null (null), which is not a tool name; Claude Code ignores it: write tool names as text, or remove it.',
    );
  });

  it('reports each unknown tool once, at its column when the tools are on one line', () => {
    const found = fire('field/tools', ['tools: Reed, Grepp, Read']);
    expect(found.map((d) => [d.message.split('"')[1], d.line, d.column])).toEqual([
      ['Reed', EXTRA_LINE, 8],
      ['Grepp', EXTRA_LINE, 14],
    ]);
    const twice = fire('field/tools', ['model: sonnet', 'tools: Foo, Read, Foo, mcp__x__y, Barr']);
    expect(twice.map((d) => [d.message.split('"')[1], d.line, d.column])).toEqual([
      ['Foo', EXTRA_LINE + 1, 8],
      ['Foo', EXTRA_LINE + 1, 19],
      ['Barr', EXTRA_LINE + 1, 35],
    ]);
    const quoted = fire('field/tools', ['disallowedTools: "Read, Wrte"']);
    expect(quoted.map((d) => [d.line, d.column])).toEqual([[EXTRA_LINE, 25]]);
  });

  it('reports an unknown tool of a list or of a value over several lines at the key', () => {
    expect(fire('field/tools', ['tools:', '  - Read', '  - Grepp']).map((d) => [d.line, d.column])).toEqual([[EXTRA_LINE, 1]]);
    expect(fire('field/tools', ['tools: Read,', '  Grepp']).map((d) => [d.line, d.column])).toEqual([[EXTRA_LINE, 1]]);
  });

  it('flags bypassPermissions as dangerous, not as unknown', () => {
    expect(fire('field/permission-mode', ['permissionMode: bypassPermissions']).map((d) => d.message)).toEqual([
      'permissionMode bypassPermissions lets this agent run every tool without approval; use acceptEdits or default unless it runs in a sandbox.',
    ]);
  });

  it('names both lines of a duplicate key and points at the last', () => {
    expect(fire('field/duplicate-key', ['model: opus', 'color: red', 'model: haiku'])).toEqual([
      {
        rule: 'field/duplicate-key',
        severity: 'warning',
        message: `"model" is written 2 times (lines ${EXTRA_LINE}, ${EXTRA_LINE + 2}); the last one wins.`,
        line: EXTRA_LINE + 2,
        column: 1,
      },
    ]);
  });
});

describe('field/unknown-key suggestions', () => {
  it.each([
    ['allowed_tools', 'tools'],
    ['allowedTools', 'tools'],
    ['Tools', 'tools'],
    ['disallowed_tools', 'disallowedTools'],
    ['permission_mode', 'permissionMode'],
    ['max_turns', 'maxTurns'],
    ['descriptin', 'description'],
    ['modle', 'model'],
    ['clor', 'color'],
  ])('suggests "%s" → "%s"', (key, suggestion) => {
    const [found] = fire('field/unknown-key', [`${key}: x`]);
    expect(found?.message).toBe(`unknown frontmatter key "${key}": the client ignores it; did you mean "${suggestion}"?`);
    expect(found).toMatchObject({ line: EXTRA_LINE, column: 1 });
  });

  it('suggests nothing for a key like no known one, but says what to do', () => {
    expect(fire('field/unknown-key', ['zzqx: 1'])[0]?.message).toBe('unknown frontmatter key "zzqx": the client ignores it; remove it, unless another tool reads it.');
  });

  // The real client's own log suggests "description" for both (measured, 2.1.328).
  it.each(['when_to_use', 'whenToUse', 'use-when'])('suggests "description" for %s, as the client does', (key) => {
    expect(fire('field/unknown-key', [`${key}: x`])[0]?.message).toBe(`unknown frontmatter key "${key}": the client ignores it; did you mean "description"?`);
  });

  it.each(['prompt', 'systemPrompt', 'system_prompt', 'instructions'])('sends a %s key to the body', (key) => {
    expect(fire('field/unknown-key', [`${key}: You are a reviewer.`])[0]?.message).toBe(
      `unknown frontmatter key "${key}": the client ignores it; the system prompt is the body below the closing ---, so move the text there.`,
    );
  });

  it('counts a transposed pair of letters as one typo, in keys and tools', () => {
    expect(fire('field/tools', ['tools: Read, Taks'])[0]?.message).toContain('"Taks" is not a known tool; did you mean "Task"?');
    expect(fire('field/tools', ['tools: Raed'])[0]?.message).toContain('did you mean "Read"?');
  });

  it.each(['skills: [a]', 'mcpServers: [a]', 'background: true', 'initialPrompt: hi', 'memory: user'])('knows %s', (line) => {
    expect(fire('field/unknown-key', [line])).toEqual([]);
  });
});

describe('field rules under the config', () => {
  it('takes models and colors from the config', () => {
    expect(fire('field/model', ['model: gpt-4'], { models: ['gpt-4'] })).toEqual([]);
    expect(fire('field/model', ['model: opus'], { models: ['sonnet'] })).toHaveLength(1);
    expect(fire('field/color', ['color: teal'], { colors: ['teal'] })).toEqual([]);
    expect(fire('field/color', ['color: red'], { colors: ['teal'] })).toHaveLength(1);
  });

  it('lets a config list of models decide: a full claude-… id passes only when listed', () => {
    expect(fire('field/model', ['model: claude-anything-goes'], { models: ['sonnet'] })[0]?.message).toBe(
      'model "claude-anything-goes" is not one of sonnet (config `models`).',
    );
    expect(fire('field/model', ['model: claude-sonnet-4-5'], { models: ['sonnet', 'claude-sonnet-4-5'] })).toEqual([]);
    expect(fire('field/model', ['model: claude-anything-goes'])).toEqual([]);
  });

  it('accepts the team tools the config adds', () => {
    expect(fire('field/tools', ['tools: Read, TeamDeploy'], { tools: ['TeamDeploy'] })).toEqual([]);
    expect(fire('field/tools', ['tools: Read, TeamDeploy'])).toHaveLength(1);
  });

  it('turns a rule off, down to a warning or up to an error', () => {
    expect(fire('field/model', ['model: gpt-4'], { rules: { 'field/model': 'off' } })).toEqual([]);
    expect(fire('field/model', ['model: gpt-4'], { rules: { 'field/model': 'error' } })[0]?.severity).toBe('error');
    const skipped = '---\nname: a\ndescription: 5\n---\n';
    expect(hits(lint(skipped, { config: { rules: { 'load/skipped': 'warn' } } }), 'load/skipped')[0]?.severity).toBe('warning');
  });
});

describe('field/tools: entries that are no Name(…) form', () => {
  it('knows `*` (every tool), quoted or not, instead of suggesting "*" for "*"', () => {
    // `tools: *` is read through the client's retry (an empty alias to strict YAML), as "*".
    expect(fire('field/tools', ['tools: "*"'])).toEqual([]);
    expect(fire('field/tools', ['tools: *'])).toEqual([]);
    expect(fire('field/tools', ['disallowedTools: ["*"]'])).toEqual([]);
  });

  it('accepts a config tool written as it is, even when it is no Name(…) form', () => {
    expect(fire('field/tools', ['tools: Read, team.deploy'], { tools: ['team.deploy'] })).toEqual([]);
    expect(fire('field/tools', ['tools: Read, team.deploy'])).toHaveLength(1);
  });
});

describe('field values that are a list or a map, or empty', () => {
  // Measured with the real client (2.1.328, debug log): `permissionMode: [plan]`, `memory: [user]` and
  // `isolation: [worktree]` are logged as invalid ("has invalid permissionMode 'plan'") and ignored;
  // String(['plan']) is 'plan', which the rules took for a valid value.
  it.each([
    ['field/permission-mode', 'permissionMode: [plan]', 'permissionMode is a list, not one value; write permissionMode: plan.'],
    ['field/memory', 'memory: [user]', 'memory is a list, not one value; write memory: user.'],
    ['field/isolation', 'isolation: [worktree]', 'isolation is a list, not one value; write isolation: worktree.'],
    ['field/model', 'model: [sonnet]', 'model is a list, not one value; write model: sonnet.'],
    ['field/color', 'color: [blue, red]', 'color is a list, not one value; write one of red, blue, green, yellow, purple, orange, pink, cyan, magenta.'],
    ['field/isolation', 'isolation: {mode: worktree}', 'isolation is a map, not one value; write one of worktree, remote.'],
  ])('%s: %s', (rule, line, message) => {
    expect(fire(rule, [line])).toEqual([{ rule, severity: 'warning', message, line: EXTRA_LINE, column: 1 }]);
  });

  it('leaves effort: [high] alone (the client reads it without a word) but not effort: [extreme]', () => {
    expect(fire('field/effort', ['effort: [high]'])).toEqual([]);
    expect(fire('field/effort', ['effort: [extreme]'])).toHaveLength(1);
  });

  // Measured: an empty memory, isolation or effort is logged as invalid ('null'); an empty model, color or
  // permissionMode is not.
  it.each([
    ['field/memory', 'memory:', 'memory is empty; write one of user, project, local, or remove the key.'],
    ['field/isolation', 'isolation:', 'isolation is empty; write one of worktree, remote, or remove the key.'],
    ['field/effort', 'effort: ~', 'effort is empty; write one of low, medium, high, xhigh, max, or remove the key.'],
  ])('%s: an empty value', (rule, line, message) => {
    expect(fire(rule, [line]).map((d) => d.message)).toEqual([message]);
  });

  it.each(['model:', 'color:', 'permissionMode:'])('says nothing of %s empty', (line) => {
    expect(fire('field/model', [line]).concat(fire('field/color', [line]), fire('field/permission-mode', [line]))).toEqual([]);
  });
});

describe('field/background', () => {
  // Measured with the real client (debug log): "has invalid background value 'yes'. Must be 'true', 'false',
  // or omitted." for yes, 1, 0, off, "TRUE", [true] and an empty value; true, True, false, "true", "false" pass.
  it.each(['background: yes', 'background: 1', 'background: off', 'background: "TRUE"', 'background: [true]', 'background:'])('reports %s', (line) => {
    const found = fire('field/background', [line]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: EXTRA_LINE, column: 1 });
    expect(found[0]?.message).toMatch(/; write background: true or background: false, or remove the key\.$/);
  });

  it('says what the value is', () => {
    expect(fire('field/background', ['background: yes'])[0]?.message).toBe('background "yes" is not true or false; write background: true or background: false, or remove the key.');
    expect(fire('field/background', ['background:'])[0]?.message).toBe('background is empty; write background: true or background: false, or remove the key.');
  });

  it.each(['background: true', 'background: True', 'background: false', 'background: "true"', "background: 'false'"])('accepts %s', (line) => {
    expect(fire('field/background', [line])).toEqual([]);
  });
});

describe('field/max-turns', () => {
  // Measured with the real client (2.1.328, debug log): 5abc, "12 turns", 5,000, 3_000, [5] and "1e3" load
  // without a word; abc, 2.5, 0, -5abc, "0x10", true and an empty value are logged "has invalid maxTurns
  // '…'. Must be a positive integer." Its code reads text by parseInt after two number forms (clientMaxTurns).
  it.each([
    ['maxTurns: 5abc', 'maxTurns "5abc" is read as 5 by Claude Code; write maxTurns: 5.'],
    ['maxTurns: 12 turns', 'maxTurns "12 turns" is read as 12 by Claude Code; write maxTurns: 12.'],
    ['maxTurns: 5,000', 'maxTurns "5,000" is read as 5000 by Claude Code; write maxTurns: 5000.'],
    ['maxTurns: [5]', 'maxTurns [5] (a list) is read as 5 by Claude Code; write maxTurns: 5.'],
  ])('says what Claude Code reads in %s', (line, message) => {
    expect(fire('field/max-turns', [line])).toEqual([{ rule: 'field/max-turns', severity: 'warning', message, line: EXTRA_LINE, column: 1 }]);
  });

  it.each([
    ['maxTurns: abc', 'maxTurns "abc" is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.'],
    ['maxTurns: -5abc', 'maxTurns "-5abc" is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.'],
    ['maxTurns: 2.5', 'maxTurns 2.5 is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.'],
    ['maxTurns: "0x10"', 'maxTurns "0x10" is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.'],
    ['maxTurns: true', 'maxTurns true (a boolean) is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.'],
    ['maxTurns:', 'maxTurns is empty; Claude Code ignores it and sets no turn limit: write a whole number such as maxTurns: 20, or remove the key.'],
  ])('says Claude Code ignores %s', (line, message) => {
    expect(fire('field/max-turns', [line]).map((d) => d.message)).toEqual([message]);
  });

  it.each(['maxTurns: 20', 'maxTurns: "20"', 'maxTurns: 1e3', 'maxTurns: 0x10'])('accepts %s, a number as the client reads it', (line) => {
    expect(fire('field/max-turns', [line])).toEqual([]);
  });
});

describe('field/tools: a value that names no tool', () => {
  // Measured with the real client (2.1.328, the request it sends with --agent): tools: with no value, ~, "",
  // [], ", ,", 5 and {a: 1} all send no tool; leaving tools out, or "*", sends every one.
  const advice = 'gives this agent no tools; remove the line to allow every tool, or list the tools it needs (e.g. tools: Read, Grep, Glob).';
  it.each([
    ['tools:', `an empty tools: ${advice}`],
    ['tools: ~', `an empty tools: ${advice}`],
    ['tools: ""', `an empty tools: ${advice}`],
    ['tools: ", ,"', `tools: ", ,", which names no tool, ${advice}`],
  ])('says what %s does, at the key', (line, message) => {
    expect(fire('field/tools', [line])).toEqual([{ rule: 'field/tools', severity: 'warning', message, line: EXTRA_LINE, column: 1 }]);
  });

  it('says that a value that is no text or list gives no tools, and that a list with nothing left does too', () => {
    expect(fire('field/tools', ['tools: 5'])[0]?.message).toBe(
      'tools is 5 (a number), which Claude Code reads as no tool, so this agent gets no tools: write a comma-separated string such as "Read, Grep, Glob", or remove the line to allow every tool.',
    );
    expect(fire('field/tools', ['tools: [5]'])[0]?.message).toBe(
      'tools holds 5 (a number), which is not a tool name; Claude Code ignores it, and with nothing left this agent gets no tools: write tool names as text, or remove it.',
    );
  });

  it('says nothing of tools: [] (no tools, written plainly), an empty disallowedTools (it denies nothing), or tools: "*"', () => {
    expect(fire('field/tools', ['tools: []'])).toEqual([]);
    expect(fire('field/tools', ['disallowedTools:'])).toEqual([]);
    expect(fire('field/tools', ['disallowedTools: []'])).toEqual([]);
    expect(fire('field/tools', ['tools: "*"'])).toEqual([]);
  });
});

describe('field/tools-overlap: forms of a denied tool', () => {
  it('reports a Name(…) form in tools whose tool disallowedTools denies as a whole', () => {
    expect(fire('field/tools-overlap', ['tools: Read, Bash(git add:*)', 'disallowedTools: Bash'])).toEqual([
      {
        rule: 'field/tools-overlap',
        severity: 'warning',
        message: '"Bash(git add:*)" in tools is a form of Bash, which disallowedTools denies as a whole; remove one of them.',
        line: EXTRA_LINE,
        column: 1,
      },
    ]);
  });

  it('leaves a tool narrowed by a denied form alone (Bash allowed, Bash(rm:*) denied)', () => {
    expect(fire('field/tools-overlap', ['tools: Read, Bash', 'disallowedTools: Bash(rm:*)'])).toEqual([]);
  });
});

describe('field/tools: tools separated by spaces', () => {
  it('says to separate them with commas', () => {
    expect(fire('field/tools', ['tools: Read Grep Glob']).map((d) => [d.message, d.column])).toEqual([
      ['tools: "Read Grep Glob" is one entry, not 3 tools; separate them with commas: Read, Grep, Glob.', 8],
    ]);
    expect(fire('field/tools', ['tools: Read Grepp'])[0]?.message).toBe('tools: "Read Grepp" is not a known tool (MCP tools are written mcp__server__tool).');
  });
});

describe('field/model: full ids of every provider', () => {
  it.each(['claude-sonnet-4-5', 'claude-opus-4-1-20250805', 'claude-sonnet-4-5@20250929', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'])(
    'accepts %s without a config list',
    (id) => {
      expect(fire('field/model', [`model: "${id}"`])).toEqual([]);
    },
  );

  it.each(['gpt-4', 'claude', 'x.claude-sonnet-4-5', 'claude-sonnet-4-5@latest'])('still reports %s', (id) => {
    expect(fire('field/model', [`model: "${id}"`])).toHaveLength(1);
  });
});
