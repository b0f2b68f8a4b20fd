import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../helpers/cli.js';
import { compareWithClient, writeFamilies } from '../helpers/oracle.js';

/**
 * A second differential run against the real client (../shared/tools/cc-oracle), with generators for the
 * structures random.test.ts does not build: fields holding nested maps, lists and flow collections spread
 * over lines (hooks included), block scalars with indentation indicators and chomping, comments, quoted,
 * complex and merge keys, duplicates, tabs, directives and document markers, odd and long names, and raw
 * bytes (lone CR, CRLF mixed with LF, BOM, NUL, invalid UTF-8, long lines), and nested documents with
 * some lines' indentation changed. Each file's verdict, and its name or skip reason, is compared with the
 * parser's, as in random.test.ts. A second test asks the client about the smallest file of each
 * disagreement these generators found.
 * Opt-in: set AGENTSMITH_ORACLE to the cc-oracle script. AGENTSMITH_ORACLE_RUNS is the number of files per
 * family (200 by default; seven families), AGENTSMITH_ORACLE_SEED the seed.
 */
const oracle = process.env.AGENTSMITH_ORACLE;
const RUNS = Number(process.env.AGENTSMITH_ORACLE_RUNS ?? 200);
const SEED = Number(process.env.AGENTSMITH_ORACLE_SEED ?? Date.now() % 100_000);
if (!oracle) console.warn('AGENTSMITH_ORACLE not set: the random differential of YAML structures against the live client is skipped');

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const frame = (lines: string[], body = 'You are a test agent.\n') => `---\n${lines.join('\n')}\n---\n${body}`;

// ---- values: every field may hold any kind of YAML value, in block or flow style ----
type Value = { inline: string } | { seq: { items: Value[]; zeroIndent: boolean; tabs: boolean } } | { map: { entries: [string, Value][]; tabs: boolean } };
const inlineScalar = pick(
  'plain words', 'agent-x', 'Use this agent when needed', '0', '1', '-1', '1.5', '1e3', '0x1F', '0o17', '017', '.inf', '-.Inf', '.nan', '+12',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', 'NULL', '~', '',
  '2024-01-01', '2024-01-01T10:00:00Z', '2001-12-14 21:59:43.10 -5', '12:30:45', '1_000', '0b101', '"quoted"', "'single'", '""', "''",
  '"multi\n  line dq"', "'multi\n  line sq'", 'plain\n  continued', '!!str 12', '!!int 7', '!!float 1', '!!null ""', '!!bool yes', '!!binary aGk=',
  '!!timestamp 2024-01-01', '&a anchored', 'x # comment', '"a"  # c', '- not a list', '? odd', '=', '<<',
).map((inline): Value => ({ inline }));
const flowCollection = pick(
  '[]', '{}', '[a, b]', '[a, [b, c]]', '{a: 1}', '{a: [1, 2], b: {c: d}}', '[a, b,]', '{a: 1,}', '[\n  a,\n  b\n]', '{\n  a: 1,\n  b: 2\n}',
  '[a,\nb]', '{a: 1,\nb: 2}', '[ "x", \'y\', 3, true, null ]', '[a: 1]', '[{a: 1}, {b: 2}]', '{? a : b}', '[a, # c\n  b]', '{a, b}', '{a: }', '[,]', '[a b]',
  '[Read, Write(**/x)]', '{"name": x}', '[\n]', '{\n}', '[\n  - a\n]', '!!set {a, b}', '!!omap [a: 1]', '!!seq [a]', '!!map {a: 1}', '!!str [a]',
).map((inline): Value => ({ inline }));
const { node: anyValue } = fc.letrec<{ node: Value; seq: Value; map: Value }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, { weight: 4, arbitrary: inlineScalar }, { weight: 2, arbitrary: flowCollection }, tie('seq'), tie('map')),
  seq: fc.record({ items: fc.array(tie('node'), { maxLength: 3 }), zeroIndent: fc.boolean(), tabs: fc.boolean() }).map((seq): Value => ({ seq })),
  map: fc
    .record({ entries: fc.array(fc.tuple(pick('a', 'b', 'name', 'type', 'command', 'matcher', 'hooks', 'PreToolUse', 'PermissionRequest', 'Stop', '"q k"', 'k ', '? c'), tie('node')), { maxLength: 3 }), tabs: fc.boolean() })
    .map((map): Value => ({ map })),
}));
/** The text after `key:` for a value, its block lines indented under a key at column `indent`. */
function render(value: Value, indent: number): string {
  if ('inline' in value) return value.inline === '' ? '' : ` ${value.inline.replace(/\n/g, `\n${' '.repeat(indent)}`)}`;
  const pad = (extra: number, tabs: boolean) => (tabs ? '\t'.repeat(Math.max(1, (indent + extra) / 2)) : ' '.repeat(indent + extra));
  if ('seq' in value) {
    const { items, zeroIndent, tabs } = value.seq;
    if (items.length === 0) return ' []';
    const p = pad(zeroIndent ? 0 : 2, tabs);
    return items.map((item) => `\n${p}-${render(item, p.length + 2)}`).join('');
  }
  const { entries, tabs } = value.map;
  if (entries.length === 0) return ' {}';
  const p = pad(2, tabs);
  return entries.map(([key, item]) => `\n${p}${key}:${render(item, p.length)}`).join('');
}
const hook = fc.record({
  type: pick<string | undefined>('command', 'prompt', 'agent', 'http', 'mcp', 'Command', '', undefined),
  field: pick('command', 'prompt', 'url', 'cmd'),
  value: pick<string | null>('echo hi', '5', 'true', '[a]', '', '{a: 1}', null),
  timeout: pick<string | undefined>(undefined, '5', '"5"', '1.5', 'null', '-1', '0', 'abc', '1e3'),
  extra: pick<string | undefined>(undefined, 'once: true', 'async: true', 'statusMessage: hi', 'foo: bar', 'once: "yes"', 'async: 1'),
});
type Hook = typeof hook extends fc.Arbitrary<infer T> ? T : never;
const renderHook = (h: Hook, p: string) => {
  const lines: string[] = [];
  if (h.type !== undefined) lines.push(`type: ${h.type === '' ? '""' : h.type}`);
  if (h.value !== null) lines.push(`${h.field}: ${h.value}`);
  if (h.timeout !== undefined) lines.push(`timeout: ${h.timeout}`);
  if (h.extra !== undefined) lines.push(h.extra);
  return lines.length === 0 ? `${p}- {}` : lines.map((line, i) => `${p}${i === 0 ? '- ' : '  '}${line}`).join('\n');
};
const matcher = fc.record({
  matcher: pick<string | undefined>(undefined, 'Bash', '"*"', '""', '5', 'null', '[a]', 'true'),
  hooks: fc.option(fc.array(hook, { maxLength: 2 }), { nil: undefined }),
  raw: pick<string | undefined>(undefined, undefined, undefined, 'null', '[]', '{}', 'x', '5'),
});
type Matcher = typeof matcher extends fc.Arbitrary<infer T> ? T : never;
const renderMatcher = (m: Matcher, p: string) => {
  const lines: string[] = [];
  if (m.matcher !== undefined) lines.push(`${p}- matcher: ${m.matcher}`);
  const lead = lines.length === 0 ? `${p}- ` : `${p}  `;
  if (m.raw !== undefined) lines.push(`${lead}hooks: ${m.raw}`);
  else if (m.hooks !== undefined) lines.push(`${lead}hooks:${m.hooks.length === 0 ? ' []' : `\n${m.hooks.map((h) => renderHook(h, `${p}    `)).join('\n')}`}`);
  return lines.length === 0 ? `${p}- {}` : lines.join('\n');
};
const events = pick('PreToolUse', 'PostToolUse', 'PermissionRequest', 'Stop', 'SubagentStop', 'UserPromptSubmit', 'Notification', 'SessionStart', 'SessionEnd', 'PreCompact', 'Foo', 'preToolUse', 'matcher', 'hooks');
const hooksValue = fc.oneof(
  fc
    .array(fc.tuple(events, fc.oneof({ weight: 4, arbitrary: fc.array(matcher, { maxLength: 2 }) }, { weight: 1, arbitrary: pick('null', '[]', '{}', 'x', '5', '~') })), { maxLength: 3 })
    .map((entries) =>
      entries.length === 0
        ? ' {}'
        : entries.map(([event, ms]) => `\n  ${event}:${typeof ms === 'string' ? ` ${ms}` : ms.length === 0 ? ' []' : `\n${ms.map((m) => renderMatcher(m, '    ')).join('\n')}`}`).join(''),
    ),
  anyValue.map((value) => render(value, 0)),
);
const fieldKeys = pick('name', 'description', 'tools', 'disallowedTools', 'model', 'color', 'hooks', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'maxTurns', 'skills', 'mcpServers', 'memory', 'background', 'x');
const values = fc
  .record({
    name: fc.oneof({ weight: 3, arbitrary: fc.nat(999).map((n): Value => ({ inline: `v-${n}` })) }, { weight: 2, arbitrary: anyValue }, { weight: 1, arbitrary: fc.constant(undefined) }),
    description: fc.oneof({ weight: 3, arbitrary: fc.constant<Value>({ inline: 'Use this agent when tested' }) }, { weight: 2, arbitrary: anyValue }),
    hooks: fc.option(hooksValue, { nil: undefined, freq: 2 }),
    guarded: fc.option(fc.tuple(pick('PreToolUse', 'PermissionRequest'), hooksValue), { nil: undefined, freq: 4 }),
    more: fc.array(fc.tuple(fieldKeys, anyValue), { maxLength: 3 }),
    turn: fc.nat(),
  })
  .map(({ name, description, hooks, guarded, more, turn }) => {
    const lines = [
      ...(name ? [`name:${render(name, 0)}`] : []),
      `description:${render(description, 0)}`,
      ...(hooks === undefined ? [] : [`hooks:${hooks}`]),
      ...(guarded ? [`${guarded[0]}:${guarded[1]}`] : []),
      ...more.map(([key, value]) => `${key}:${render(value, 0)}`),
    ];
    const r = turn % lines.length;
    return frame([...lines.slice(r), ...lines.slice(0, r)]);
  });

// ---- blocks: block scalars with indentation indicators, chomping, and blank or space-only lines ----
const blockHeader = fc
  .tuple(pick('|', '>'), pick('', '-', '+'), pick('', '1', '2', '3', '4', '9'), fc.boolean(), pick('', ' # c', '  ', ' #c', '\t', ' x'))
  .map(([style, chomp, indicator, indicatorFirst, tail]) => style + (indicatorFirst ? indicator + chomp : chomp + indicator) + tail);
const contentLine = pick('line one', 'more', '  more indented', '    deep', '', ' ', '   ', '\tTabbed', '# not a comment', 'a: b', '- x', '<example>', 'Context: x', '"q"', ' x', 'trailing   ', 'end');
const blocks = fc
  .record({
    field: pick('description', 'description', 'name', 'tools', 'model'),
    header: blockHeader,
    indent: pick(0, 1, 2, 2, 3, 4, 8),
    lines: fc.array(contentLine, { maxLength: 6 }),
    leading: fc.array(pick('', ' ', '  ', '     '), { maxLength: 2 }),
    trailing: fc.array(pick('', ' ', '  ', '     '), { maxLength: 3 }),
    after: pick('', 'model: sonnet', '# comment', '  # indented comment', 'tools: Read', ' x: y', '...'),
    nameFirst: fc.boolean(),
  })
  .map(({ field, header, indent, lines, leading, trailing, after, nameFirst }) => {
    const block = [`${field}: ${header}`, ...leading, ...lines.map((line) => (line === '' ? '' : ' '.repeat(indent) + line)), ...trailing];
    const main = field === 'name' || field === 'description';
    const other = field === 'name' ? 'description: Use this agent when tested' : 'name: blk-agent';
    const all = main ? (nameFirst ? [other, ...block] : [...block, other]) : ['name: blk-agent', 'description: d', ...block];
    return frame([...all, ...(after ? [after] : [])]);
  });

// ---- syntax: comments, quoted / complex / merge keys, duplicates of other types, tabs, directives, markers ----
const syntaxLine = pick(
  '# comment', '#', '  # indented comment', 'name: dup-a', 'name: "dup-b"', 'name: [x]', 'name: {a: 1}', 'name:', 'name: ~', 'name: 5',
  'description: second', 'description:', 'description: [a]', 'description:\n  - a', 'description:\n  a: b',
  '"name": quoted-key', "'name': sq-key", '"description": "dq desc"', 'name : spaced-key', 'name\t: tab-key', 'name  :  two',
  '? name\n: complex-key', '? description\n: complex desc', '? [name]\n: seq-key', '? |\n  name\n: block-key', '[name]: flowseq-key', '{name: 1}: mapkey',
  '<<: {name: merged-name}', '<<: {description: merged}', 'base: &b {name: anch-name, description: anch-desc}', '<<: *b', '<<: [*b]', '<<: [{name: m1}, {name: m2}]',
  'x: &n anch\nname: *n', 'x: &d {a: 1}\ndescription: *d', 'name: &nn self-anch', 'name: !!str &a a-tag',
  'tools:\n\t- Read', 'hooks:\n\tPreToolUse: []', 'nested:\n  a:\n\tb: c', 'nested:\n \ta: b', 'x:\t1', 'name:\tt-name', 'name: a\t# c', 'name: a #c', 'name: a# c',
  '%YAML 1.2', '%TAG ! tag:x,2000:', '...', '... # c', 'name: a\n...\nname: b', '\n\n', '   ', ' ', '\t',
  'name: a\n  b', 'name: a\n  # c\n  b', 'name: "a\n\n  b"', "name: 'a\n  b'", 'name:\n  continued-on-next', 'name:\n  "dq-next"', 'name: # c\n  after-comment',
  'description: # c\n  after comment', 'description: |\n  # not comment\n  x', 'description: >\n\n  folded after blank',
  '__proto__: x', 'constructor: x', 'toString: x', 'hasOwnProperty: x', '__proto__:\n  name: polluted', 'null: x', '~: y', 'true: x', '1: x', '1.5: y',
  'name: !!binary aGk=', 'description: !!binary aGk=', 'name: !custom tagged', 'description: !!timestamp 2020-01-01', 'description: 2020-01-01', 'name: 2020-01-01',
  'name: 0x1f', 'name: 1e3', 'name: .inf', 'name: .nan', 'name: true', 'name: no', 'name: "true"', 'name: -x', 'name: " -x"', "name: '-'", 'name: -', 'name: --',
  'name: ?x', 'name: "?"', 'name: x?', 'description: -', 'description: " "', "description: ''", 'description: 0', 'description: false', 'description: .nan',
  '? name', '?', ': x', ':', '- a', '-', '=: eq', '<<: x', '<<:', 'key with spaces: v', '"": empty-key', "'': e",
);
const syntax = fc
  .record({
    pre: fc.array(syntaxLine, { maxLength: 2 }),
    name: pick('name: syn-base', 'name: syn-base', '"name": syn-q', ''),
    mid: fc.array(syntaxLine, { maxLength: 3 }),
    description: pick('description: Use this agent when tested', 'description: "dq"', ''),
    post: fc.array(syntaxLine, { maxLength: 2 }),
  })
  .map(({ pre, name, mid, description, post }) => frame([...pre, ...(name ? [name] : []), ...mid, ...(description ? [description] : []), ...post]));

// ---- names: Unicode, look-alike colons, invisible characters, lengths around 64, 200, 256 ----
const nameChar = pick(
  'a', 'b', 'z', '0', '9', '-', '_', ' ', '  ', 'A', 'Z', '/', '\\', '.', ',', ':', '@', '#', '(', ')', "'", '"', '`', '!', '%', '&', '*', '|', '>', '<', '=', '+', '?', '[', ']', '{', '}', '~', '$', '^',
  'é', 'ß', 'İ', 'ﬁ', 'Ω', 'Ω', 'е', 'ア', '中', '한', 'ي', '🧪', '👩‍💻', '🇫🇷', 'e\u0301', '\u00a0', '\u2003', '\u200b', '\u200d', '\u200e', '\u202e', '\u2060', '\ufeff', '\u00ad',
  '\uff1a', '\ufe55', '\ufe13', '\u2236', '\u02d0', '\ua789', '\u0589', '\u05c3', '\u2028', '\u2029', '\u0085', '\u00b5', '\u2126', '\u212a', '\u1e9e', '\ue000', '\u{f0000}', '\u0378', '\ufff0', '\ufffd', '\u{1d400}',
  '\u2460', '\u00bd', '\u33a1', '\u2474', '\u1100', '\u0300', '\u20dd',
);
const longName = fc
  .record({ unit: pick('a', 'é', '🧪', 'ア', 'a ', '-', 'e\u0301', '\u00a0', '\u200b', 'ﬁ', '\u33a1', '\u2474'), length: pick(63, 64, 65, 100, 127, 128, 129, 199, 200, 201, 255, 256, 257, 300, 1000), prefix: pick('', 'x', 'abc-') })
  // Cut to a UTF-16 length: sometimes half a surrogate pair.
  .map(({ unit, length, prefix }) => (prefix + unit.repeat(length)).slice(0, length));
/** A double-quoted YAML scalar for any text (controls, separators and surrogate halves escaped). */
const doubleQuoted = (text: string) =>
  `"${Array.from(text, (c) => {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === '\\') return `\\${c}`;
    const escaped = code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff);
    return escaped ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('')}"`;
const names = fc
  .record({
    name: fc.oneof({ weight: 3, arbitrary: fc.array(nameChar, { minLength: 1, maxLength: 12 }).map((chars) => chars.join('')) }, { weight: 2, arbitrary: longName }),
    style: pick('plain', 'plain', 'dq', 'dq', 'sq', 'literal', 'folded'),
    description: pick('Use this agent when tested', '"d"', 'x'),
  })
  .map(({ name, style, description }) => {
    const value =
      style === 'plain' ? name : style === 'dq' ? doubleQuoted(name) : style === 'sq' ? `'${name.replace(/'/g, "''")}'` : `${style === 'literal' ? '|-' : '>-'}\n  ${name}`;
    return frame([`name: ${value}`, `description: ${description}`]);
  });

// ---- bytes: line ends, BOM, NUL, invalid UTF-8 and long lines, put anywhere after the opening fence ----
const segment = pick(
  '---', 'name: by-agent', 'name: "by agent"', 'description: Use this agent when tested', 'description: "a: b"', 'description: a: b', 'tools: Read, Write', 'model: sonnet',
  'description: |\n  lit\n  more', 'hooks:\n  PreToolUse: []', '# c', '', '  ', 'name: by-two',
);
const injection = pick<string | number[]>(
  '\r\n', '\r', '\n\r', '\r\r\n', '\0', '\uFEFF', '\u0085', '\u2028', '\u2029', '\x0b', '\x0c', '\x1b', '\x7f', '\ufffe', '\t', ' ',
  [0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0xa7], 'LONG',
);
const bytes = fc
  .record({
    lines: fc.array(segment, { minLength: 1, maxLength: 5 }),
    injections: fc.array(fc.tuple(fc.nat(), injection), { maxLength: 3 }),
    ends: pick('lf', 'lf', 'crlf', 'mixed'),
    bom: pick('', '', '\uFEFF'),
    longLength: pick(1000, 5000, 70_000),
  })
  .map(({ lines, injections, ends, bom, longLength }) => {
    let text = lines.includes('---') ? `---\n${lines.join('\n')}\n---\nbody\n` : `---\nname: by-agent\n${lines.join('\n')}\n---\nbody\n`;
    const parts = text.split('\n');
    if (ends === 'crlf') text = parts.join('\r\n');
    else if (ends === 'mixed') text = parts.map((part, i) => part + (i === parts.length - 1 ? '' : i % 2 ? '\r\n' : '\n')).join('');
    let buffer = Buffer.from(bom + text, 'utf8');
    for (const [position, what] of injections) {
      const at = 4 + (position % Math.max(1, buffer.length - 4));
      const inserted = Array.isArray(what) ? Buffer.from(what) : Buffer.from(what === 'LONG' ? 'word '.repeat(Math.ceil(longLength / 5)) : what, 'utf8');
      buffer = Buffer.concat([buffer.subarray(0, at), inserted, buffer.subarray(at)]);
    }
    return new Uint8Array(buffer);
  });

// ---- jitter: nested documents, multi-line quoted, plain and flow values, with some lines' indentation changed ----
const multiLine = pick(
  '"a\n  b"', '"a\nb"', '"a\\\n  b"', '"a\n\n  b"', "'a\n  b'", "'a\n\n b'", '"a\n\t b"', 'a\n  b', 'a\n  # c\n  b', 'a\n\n  b', '[a,\n  b]', '{a: 1,\n  b: 2}',
  '[\n  a\n]', '{\n  a: 1\n}', '"x" # c', '|\n  a\n   b', '>\n  a\n\n  b',
);
const jitterBase = fc.oneof(
  values,
  fc.record({ key: pick('description', 'name', 'x', 'tools', 'hooks'), value: multiLine, under: pick('', 'x', 'hooks') }).map(({ key, value, under }) =>
    under
      ? frame(['name: jit', 'description: d', `${under}:`, `  ${key}: ${value.replace(/\n/g, '\n  ')}`, '  k: v', 'model: m'])
      : frame([key === 'name' ? 'description: d' : 'name: jit', `${key}: ${value}`, 'model: m']),
  ),
);
const indentEdit = pick('del1', 'add1', 'add2', 'tab', 'tabs', 'zero', 'space-tab', 'tab-space');
const jitter = fc.record({ base: jitterBase, edits: fc.array(fc.tuple(fc.nat(), indentEdit), { minLength: 1, maxLength: 3 }) }).map(({ base, edits }) => {
  const lines = base.split('\n');
  const close = lines.indexOf('---', 1);
  for (const [n, edit] of edits) {
    // Any line of the block but the first key.
    const i = 2 + (n % Math.max(1, close - 2));
    const line = lines[i];
    if (i >= close || line === undefined) continue;
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    const indent = {
      del1: lead.slice(1),
      add1: ` ${lead}`,
      add2: `  ${lead}`,
      tab: `\t${lead.replace(/^ {1,2}/, '')}`,
      tabs: lead.replace(/ /g, '\t'),
      zero: '',
      'space-tab': ` \t${lead}`,
      'tab-space': `\t ${lead}`,
    }[edit];
    lines[i] = indent + line.slice(lead.length);
  }
  return lines.join('\n');
});

// ---- colons: a line that starts with `:` after a node, a pair or a list entry, blank or comment lines between ----
const colons = fc
  .record({
    before: pick('', 'name: x\ndescription: d\n', 'description: d\n', 'hooks:\n  a: 1\n', 'hooks:\n  a:\n    b: 1\n', 'x:\n  - a\n', 'x:\n  - a: 1\n    b: 2\n', 'tools: Read\n'),
    indent: pick('', '', '  ', '    '),
    node: pick('foo', 'foo bar', '- foo', '"q"', "'q'", '[a, b]', '{a: 1}', 'foo # c', 'a: b', 'a:', 'k: "v"', '- a: b', '"k": v', '12', 'true'),
    between: pick('', '', '\n', '\n# c\n', '\n  \n', '  # c\n'),
    colonIndent: pick('', '', ' ', '  ', '    ', '\t'),
    colon: pick(': v', ':', ': [a]', ': "s"', ': v # c'),
    after: pick('', 'name: x\ndescription: d\n', 'description: d\n', '  more: 1\n'),
  })
  .map((f) => `---\n${f.before}${f.indent}${f.node}\n${f.between}${f.colonIndent}${f.colon}\n${f.after}---\nYou are a test agent.\n`);

const families = { values, blocks, syntax, names, bytes, jitter, colons } as const;

/**
 * The smallest file of each disagreement the generators above found (November 2026, client 2.1.328), one
 * per cause. Asked of the live client again, so that a fixed parser, or a changed client, shows here.
 * `fixed`: the parser now agrees (each also became fixtures in tests/fixtures/oracle). `known`: causes
 * left as they are, rare in real agent files; the test expects them to still disagree, and says so when
 * one starts to agree (then move it to `fixed`).
 */
const fixed: Record<string, string> = {
  'a lone CR is a line break to the client: a value split by it': '---\nname: a\rb\ndescription: d\n---\n',
  'a lone CR is a line break to the client: two keys on one LF line': '---\nname: ab\rdescription: d\n---\n',
  'a lone CR ends a comment': '---\nname: a # c\rdescription: d\n---\n',
  'a lone CR opening the block': '---\n\rname: ab\ndescription: d\n---\n',
  'a lone CR inside quotes': "---\nname: 'a\rb'\ndescription: d\n---\n",
  'an escaped lone CR in double quotes': '---\nname: a\ndescription: "x\\\r  y"\n---\n',
  'a merge key with a scalar value': '---\nname: ab\ndescription: d\n<<: x\n---\n',
  'a merge key with no value': '---\nname: ab\ndescription: d\n<<:\n---\n',
  'a merge key with a list of scalars': '---\nname: ab\ndescription: d\n<<: [x]\n---\n',
  'hooks.hooks as a non-empty list, without an event key': '---\nname: a\ndescription: d\nhooks:\n  hooks: [x]\n---\n',
  'hooks.hooks as a well-formed matcher list': '---\nname: a\ndescription: d\nhooks:\n  hooks: [{matcher: x, hooks: [{type: command, command: x}]}]\n---\n',
  'a tab-led line after a flow map or quoted value (the client retries, and quotes the map)': '---\nname: a\ndescription: {a: 1}\n\t\n---\n',
  'a tab-only line after a block scalar': '---\nname: a\ndescription: |\n  q\n\t\n---\n',
  'two document end markers': '---\nname: a\ndescription: d\n...\n...\n---\n',
  'a directive and nothing else': '---\n%YAML 1.2\n---\n',
  'PreToolUse outside hooks, nested in any other field (mcpServers excepted)': '---\nname: a\ndescription: d\nx: {PreToolUse: x}\n---\n',
  'PermissionRequest nested two levels down': '---\nname: a\ndescription: d\nx: {a: {PermissionRequest: [a]}}\n---\n',
  'a well-formed PreToolUse matcher list, nested': '---\nname: a\ndescription: d\nx: {PreToolUse: [{hooks: [{type: command, command: b}]}]}\n---\n',
  'a map with a non-empty hooks list and no event key, nested in another field': '---\nname: a\ndescription: d\nx: {hooks: [a]}\n---\n',
  'the same in a list field': '---\nname: a\ndescription: d\nskills: [{hooks: [a]}]\n---\n',
  'the same under an unknown event of hooks': '---\nname: a\ndescription: d\nhooks: {Foo: {hooks: [a]}}\n---\n',
  'wording: a key split by CRLF': '---\nname\r\n: a\n---\n',
  'wording: a space then a tab before a key': '---\nname: a\n \tdescription: d\n---\n',
  'a block scalar with an indentation indicator and only a line of extra spaces': '---\nname: a\ndescription: |2\n   \n---\n',
  'the same as a name': '---\nname: |1-\n   \ndescription: d\n---\n',
  'a key whose `:` is on the next, indented line (yaml reads the pair)': '---\nname: a\ndescription: d\nfoo\n  : v\n---\n',
  'the same with a blank line between': '---\nname: a\ndescription: d\nfoo bar\n\n  : v\n---\n',
  'an empty key indented under a pair (yaml reads another pair)': '---\nname: a\ndescription: d\na: b\n  : v\n---\n',
  'wording: a key, a blank line, then its `:`': '---\nname\n\n: a\ndescription: d\n---\n',
  'wording: a list entry in a list, then a `:` line': '---\n- foo\n: v\n---\n',
  'wording: a NUL where a key is expected': '---\n: \0:---',
  'a line of spaces and a tab inside a multi-line quoted value, in a nested map': "---\nname: a\ndescription: d\nx:\n  k: 'a\n  \t\n   b'\n---\n",
  'a closing bracket indented less than its key': '---\nx:\n  b: {\n }\nname: a\ndescription: d\n---\n',
  'the same in a multi-line plain value': '---\nname: a\ndescription: d\nx:\n  k: a\n \t\n    b\n---\n',
  'a line of blanks and a tab inside a multi-line flow collection': '---\nname: a\ndescription: d\nx: [a,\n\t\n b]\n---\n',
  'a line of spaces and a tab after an empty value in a nested map': '---\nname: x\ndescription: d\nx:\n  a:\n \t \n  b: 1\n---\n',
  'a block sequence after the map, then a ? line': '---\nname: a\ndescription: d\n- x\n?\n---\n',
  'the same, setting the name': '---\ndescription: d\n- x\n? name\n: b\n---\n',
  'an explicit key followed by a sequence at its indentation': '---\nname: a\ndescription: d\n? x\n- a\n---\n',
  'the same with a compact map key': '---\nname: a\ndescription: d\n? c:\n- 0\n---\n',
};
const known: Record<string, string> = {
  'wording: a stray line, a blank line, then an indented key': '---\nname: a\ndescription: d\nend\n\n x: y\n---\n',
  'wording: an unclosed quote in a complex key': "---\nname: a\nx:\n  ? c: 'multi\n   line'\n---\n",
};

function disagreements(dir: string, expected: number): string[] {
  const rows = compareWithClient(oracle ?? '', dir);
  expect(rows).toHaveLength(expected);
  return rows.filter((row) => !row.agrees).map((row) => row.line);
}

describe.skipIf(!oracle)('the parser against the real client on random YAML structures', () => {
  const folder = useTempFolders();

  // The seed changes per run, so this explores: a verdict or name that differs fails the test; a skip
  // reason worded differently is printed (the README counts them), as in generated-families.
  it('gives the client verdict and name for every file of every family (skip reasons that differ are printed)', () => {
    const dir = folder();
    const drawn = Object.entries(families).map(([family, arbitrary]) => [family, fc.sample(arbitrary as fc.Arbitrary<string | Uint8Array>, { numRuns: RUNS, seed: SEED })] as const);
    const count = writeFamilies(dir, Object.fromEntries(drawn));
    const rows = compareWithClient(oracle ?? '', dir);
    expect(rows).toHaveLength(count);
    const verdicts = rows.filter((row) => !row.sameVerdict || (row.client.verdict === 'loaded' && !row.agrees)).map((row) => row.line);
    const wordings = rows.filter((row) => row.sameVerdict && row.client.verdict === 'skipped' && !row.agrees).map((row) => row.line);
    console.log(`seed ${SEED}: ${count} files, ${verdicts.length} verdicts or names and ${wordings.length} skip reasons differ${wordings.length ? `:\n${wordings.join('\n')}` : ''}`);
    expect(verdicts).toEqual([]);
  }, 900_000);

  /** The minimal cases of `cases`, written to a folder and asked of the client: the labels of those that disagree. */
  const disagreeing = (cases: Record<string, string>): string[] => {
    const dir = folder();
    const entries = Object.entries(cases);
    entries.forEach(([, text], i) => writeFileSync(join(dir, `m${String(i).padStart(3, '0')}.md`), text));
    return disagreements(dir, entries.length).map((line) => `${entries[Number(/^m(\d+)\.md/.exec(line)?.[1])]?.[0]}: ${line}`);
  };

  it('agrees with the client on the smallest file of each disagreement fixed so far', () => {
    expect(disagreeing(fixed)).toEqual([]);
  }, 300_000);

  it('still disagrees on the known causes left as they are (one that agrees now belongs in `fixed`)', () => {
    const still = new Set(disagreeing(known).map((line) => line.split(': m')[0]));
    expect(Object.keys(known).filter((label) => !still.has(label))).toEqual([]);
  }, 300_000);
});
