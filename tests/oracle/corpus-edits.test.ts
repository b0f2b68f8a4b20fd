import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.js';
import { useTempFolders } from '../helpers/cli.js';
import { compareWithClient, random, writeFamilies, type Random } from '../helpers/oracle.js';

/**
 * A fourth differential run against the real client (../shared/tools/cc-oracle): the frontmatters of the
 * conformance corpus, each edited the way people edit agent files by hand (November 2026, client
 * 2.1.328). A family makes 1–3 edits of one kind to a corpus file drawn at random (seeded):
 * indentation slips, tabs, comments, quotes, colons in values, values over lines, block scalars with odd
 * headers, line endings and fences, invisible and non-ASCII white space, duplicate keys, anchors and
 * merge keys, flow collections, scalars of every type as name or description, odd names, long lines,
 * explicit keys (`? k` / `: v`) in every shape, values the client's retry quotes, nested maps with slips,
 * CRLF files, and descriptions written as real ones are (markdown, regexes, templates). `mixed` makes
 * 2–4 edits of any kind. Each cause found became fixtures in tests/fixtures/oracle (see the README).
 * Opt-in: set AGENTSMITH_ORACLE to the cc-oracle script; needs the corpus (AGENTSMITH_CORPUS).
 * AGENTSMITH_ORACLE_RUNS is the number of files per family (100 by default; 23 families),
 * AGENTSMITH_ORACLE_SEED the seed. Verdicts and names must agree; skip reasons that differ are printed.
 */
const oracle = process.env.AGENTSMITH_ORACLE;
const corpus = corpusDir();
const RUNS = Number(process.env.AGENTSMITH_ORACLE_RUNS ?? 100);
const SEED = Number(process.env.AGENTSMITH_ORACLE_SEED ?? Date.now() % 100_000);
if (!oracle || !corpus) console.warn('AGENTSMITH_ORACLE or the corpus missing: the corpus edits against the live client are skipped');


/** The lines of a frontmatter being edited, and what the file around it gets. */
interface Draft {
  lines: string[];
  fences?: boolean;
  crlf?: boolean;
}

const KEY_LINE = /^([A-Za-z_][\w-]*):(.*)$/;
const keyLines = (lines: string[]): number[] => lines.flatMap((line, i) => (KEY_LINE.test(line) ? [i] : []));
const parts = (line: string): [string, string] => {
  const match = KEY_LINE.exec(line);
  return [match?.[1] ?? 'x', match?.[2] ?? ''];
};
const SPACES = ['\u00a0', '\u2028', '\u2029', '\u0085', '\u3000', '\u200b', '\ufeff', '\u2003', '\u000b', '\u000c', '\u1680', '\u202f'];
const LEADS = ['', ' ', '  ', '   ', '    ', '\t', ' \t', '\t '];
const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

const edits: Record<string, (r: Random, d: Draft) => void> = {
  indent(r, { lines: L }) {
    const i = r.below(L.length);
    const line = L[i] ?? '';
    const op = r.below(5);
    if (op === 0) L[i] = r.pick([' ', '  ', '   ', '    ']) + line;
    else if (op === 1) L[i] = line.replace(/^ +/, '');
    else if (op === 2) for (let j = i; j < L.length; j++) L[j] = `  ${L[j] ?? ''}`;
    else if (op === 3) L[i] = line.replace(/^ /, '');
    else L.splice(r.pick([...keyLines(L), i]) + 1, 0, r.pick([' ', '  ', '    ']) + r.pick(['more text', 'see: docs', '- item', 'key: v', '"q"', '# c', 'Examples:', '<example>']));
  },
  tabs(r, { lines: L }) {
    const i = r.below(L.length);
    const line = L[i] ?? '';
    const op = r.below(7);
    if (op === 0) L[i] = line.replace(/^( +)/, (s) => r.pick(['\t', '\t\t', `${s.slice(1)}\t`, `\t${s}`]));
    else if (op === 1) L[i] = line.replace(/: /, r.pick([':\t', ': \t', '\t: ', ':\t\t']));
    else if (op === 2) L[i] = line + r.pick(['\t', ' \t', '\t ']);
    else if (op === 3) L.splice(i, 0, r.pick(['\t', ' \t', '\t\t', '  \t  ']));
    else if (op === 4) L[i] = `\t${line}`;
    else if (op === 5) L[i] = line.replace(/ /, '\t');
    else L[i] = line.replace(/, /g, ',\t');
  },
  comments(r, d) {
    const L = d.lines;
    const i = r.below(L.length + 1);
    const op = r.below(6);
    if (op === 0) L.splice(i, 0, r.pick(LEADS.slice(0, 5)) + r.pick(['# comment', '#', '#: x', '# name: other', '#---']));
    else if (op === 1 && i < L.length) L[i] += r.pick([' # note', ' #', '#x', ' #: y', '  # "q']);
    else if (op === 2 && i < L.length) L[i] = (L[i] ?? '').replace(/: /, r.pick([': # c\n  ', ': #c ', ':# ']));
    else if (op === 3) L.splice(i, 0, `# ${L[r.below(L.length)] ?? ''}`);
    else if (op === 4 && i < L.length) L[i] = `#${L[i] ?? ''}`;
    else L.splice(0, 0, '# header');
    d.lines = L.join('\n').split('\n');
  },
  quotes(r, { lines: L }) {
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const i = r.pick(keys);
    const [key, raw] = parts(L[i] ?? '');
    const v = raw.trim();
    const p = r.below(v.length + 1);
    const op = r.below(9);
    if (op === 0) L[i] = `${key}: "${v}"`;
    else if (op === 1) L[i] = `${key}: '${v}'`;
    else if (op === 2) L[i] = `${key}: "${escape(v)}"`;
    else if (op === 3) L[i] = `${key}: '${v.replace(/'/g, "''")}'`;
    else if (op === 4) L[i] = `${key}: ${v.slice(0, p)}${r.pick(['"', "'", '\\"', "''", '`'])}${v.slice(p)}`;
    else if (op === 5) L[i] = `${key}: ${r.pick(['"', "'"])}${v}`;
    else if (op === 6) L[i] = `${key}: ${v}${r.pick(['"', "'"])}`;
    else if (op === 7) L[i] = `${key}: "${escape(v)}"${r.pick([' x', ' # c', '"', ',', ' "more"'])}`;
    else L[i] = `${key}: "${escape(v.slice(0, p))}${r.pick(['\\t', '\\x41', '\\u00e9', '\\q', '\\U0001F600', '\\N', '\\_', '\\/', '\\ud800', '\\e'])}${escape(v.slice(p))}"`;
  },
  colons(r, { lines: L }) {
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const i = r.pick(keys);
    const [key, v] = parts(L[i] ?? '');
    const p = r.below(v.length + 1);
    const op = r.below(7);
    if (op === 0) L[i] = `${key}:${v.slice(0, p)}${r.pick([': ', ':', ' : ', '::', ':\t'])}${v.slice(p)}`;
    else if (op === 1) L[i] = `${key}:${v}:`;
    else if (op === 2) L[i] = `${key}:${v.replace(/^ /, '')}`;
    else if (op === 3) L[i] = `${key} :${v}`;
    else if (op === 4) L[i] = `${key}:${v} see https://x.io/a:b`;
    else if (op === 5) L[i] = `${key}: ${r.pick(['12:30', '1:2:3', 'a:b', ':x', '::', 'http://x', 'x: y: z', '- a: b'])}`;
    else L[i] = `${key}:  ${v}`;
  },
  multiline(r, d) {
    const L = d.lines;
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const i = r.pick(keys);
    const [key, v] = parts(L[i] ?? '');
    const words = v.split(' ');
    if (words.length < 3) return;
    const out: string[] = [];
    let at = 1;
    for (let c = 1 + r.below(3); c > 0 && at < words.length - 1; c--) {
      const to = at + 1 + r.below(Math.max(1, Math.floor((words.length - at) / 2)));
      out.push(words.slice(at, to).join(' '));
      at = to;
    }
    out.push(words.slice(at).join(' '));
    const lead = r.pick(['', ' ', '  ', '  ', '    ', '\t']);
    const lines = [`${key}:${words[0] ?? ''}`, ...out.map((part) => r.pick(['', '', '', '\n', '\n  ', '\n\t', '\n # c']).replace(/^\n/, '') + (r.chance(0.2) ? r.pick(LEADS) : lead) + part)];
    L.splice(i, 1, ...lines.join('\n').split('\n'));
  },
  blocks(r, { lines: L }) {
    const keys = keyLines(L);
    const i = L.findIndex((line) => line.startsWith('description:'));
    const at = i >= 0 ? i : r.pick(keys.length > 0 ? keys : [0]);
    const match = KEY_LINE.exec(L[at] ?? '');
    if (!match) return;
    const header = r.pick(['|', '>', '|-', '>-', '|+', '>+', '|2', '|1', '|4', '>2-', '|-2', '|2+', '| # c', '|#c', '| -', '|  ', '|\t', '>1', '|0', '|10', '|--', '|+-', '>!', '| x']);
    const base = r.pick(['  ', '  ', ' ', '   ', '    ', '\t', '  \t']);
    const text = (match[2] ?? '').trim().replace(/\\n/g, '\n').split('\n')
      .map((t) => (t === '' ? r.pick(['', '', ' ', base, '\t']) : (r.chance(0.1) ? r.pick(['', ' ', `${base}  `, '\t', base.slice(1)]) : base) + t));
    if (r.chance(0.3)) text.splice(r.below(text.length + 1), 0, r.pick(['', `${base}# not comment`, '  ', '\t', `${base}key: v`, `${base}- x`, '#c']));
    L.splice(at, 1, `${match[1] ?? ''}: ${header}`, ...text);
  },
  endings(_r, d) {
    d.fences = true;
  },
  unicode(r, { lines: L }) {
    const i = r.below(L.length);
    const line = L[i] ?? '';
    const u = r.pick(SPACES);
    const op = r.below(6);
    if (op === 0) L[i] = line.replace(/: /, r.pick([`:${u}`, `: ${u}`, `${u}: `]));
    else if (op === 1) L[i] = u + line;
    else if (op === 2) L[i] = line + u;
    else if (op === 3) L[i] = line.replace(/ /g, (s) => (r.chance(0.3) ? u : s));
    else if (op === 4) L.splice(i, 0, r.pick([u, ` ${u}`, u + u, `  ${u} `]));
    else L[i] = line.replace(/^(name:\s*)(.*)$/, (_, a: string, b: string) => a + r.pick([u + b, b + u, b.slice(0, 2) + u + b.slice(2)]));
  },
  dupes(r, { lines: L }) {
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const line = L[r.pick(keys)] ?? '';
    const [key, v] = parts(line);
    const where = r.below(L.length + 1);
    const op = r.below(6);
    if (op === 0) L.splice(where, 0, line);
    else if (op === 1) L.splice(where, 0, `${key}:${r.pick(['', ' ', ' other-value', ' ~', ' ""', ' null', ' [a]', ' |'])}`);
    else if (op === 2) L.splice(where, 0, `${key.charAt(0).toUpperCase()}${key.slice(1)}:${v}`);
    else if (op === 3) L.splice(where, 0, `"${key}":${v}`);
    else if (op === 4) L.splice(where, 0, `${r.pick(['name', 'description'])}: ${r.pick(['x', 'Use this agent', 'dup-name', ''])}`);
    else L.splice(where, 0, `'${key}' : ${r.pick(['v', '"v"', ''])}`);
  },
  anchors(r, { lines: L }) {
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const i = r.pick(keys);
    const [key, v] = parts(L[i] ?? '');
    const op = r.below(8);
    if (op === 0) {
      L[i] = `${key}: &a${v}`;
      L.push(`${r.pick(['x', 'name', 'description', 'alias'])}: *a`);
    } else if (op === 1) {
      L.splice(0, 0, 'base: &b', '  name: from-base', '  description: from base');
      L.push('<<: *b');
    } else if (op === 2) {
      L.splice(0, 0, 'defs: &d {model: sonnet, color: blue}');
      L.splice(r.below(L.length + 1), 0, '<<: *d');
    } else if (op === 3) L[i] = `${key}: ${r.pick(['&a', '&anchor-1', '&é', '&a,b', '&{x}'])}${v}`;
    else if (op === 4) L[i] = `${key}: ${r.pick(['*a', '*nope', '* a', '*'])}`;
    else if (op === 5) {
      L.splice(0, 0, 'x: &n my-agent');
      L[i + 1] = `${r.pick(['name', key])}: *n`;
    } else if (op === 6) {
      L[i] = `&k ${L[i] ?? ''}`;
      L.push('*k : dup');
    } else L.splice(0, 0, `<<: [${r.pick(['*a', '{name: m}', '*a, *b'])}]`);
  },
  flow(r, d) {
    const L = d.lines;
    const ti = L.findIndex((line) => line.startsWith('tools:'));
    const tools = ti >= 0 ? parts(L[ti] ?? '')[1].trim().split(/,\s*/).filter(Boolean) : ['Read', 'Grep'];
    const at = ti >= 0 ? ti : L.length;
    const remove = ti >= 0 ? 1 : 0;
    const op = r.below(7);
    if (op === 0) L.splice(at, remove, `tools: [${tools.join(', ')}]`);
    else if (op === 1) L.splice(at, remove, 'tools: [', ...tools.map((t, j) => `${r.pick(['  ', '    ', '', ' '])}${t}${j < tools.length - 1 ? ',' : ''}`), r.pick([']', '  ]', ' ]', '  ],']));
    else if (op === 2) L.splice(at, remove, 'tools:', ...tools.map((t) => `${r.pick(['  - ', '- ', '  -', '\t- ', '    - '])}${t}`));
    else if (op === 3) L.splice(at, remove, `tools: {${tools.map((t) => `${t}: true`).join(', ')}}`);
    else if (op === 4) d.lines = [`{${keyLines(L).map((j) => `${parts(L[j] ?? '')[0]}: ${JSON.stringify(parts(L[j] ?? '')[1].trim())}`).join(r.pick([', ', ',\n  ', ',\n']))}}`];
    else if (op === 5) L.splice(at, remove, `tools: [${tools.join(', ')}${r.pick([',', ', ]', ',,', ''])}`);
    else L.splice(at, remove, `tools: [${tools.map((t) => r.pick([t, `"${t}"`, `'${t}'`, `${t}(git:*)`, `${t}: x`])).join(', ')}]`);
  },
  scalars(r, { lines: L }) {
    const key = r.pick(['name', 'description', 'name', 'description', 'tools', 'model']);
    const value = r.pick([
      '123', '0', '-1', '1.5', '1e3', '.inf', '-.Inf', '.nan', '0x1F', '0o17', '0b101', '1_000', '+12', '012', '09', 'true', 'True', 'TRUE', 'yes', 'no',
      'on', 'off', 'y', 'n', 'null', 'Null', '~', '', '2024-01-01', '2024-01-01T10:00:00Z', '12:30:00', '1.0.0', '3.', '.5', '-0', '+.inf', '1e', '0x',
      'NaN', 'Infinity', "''", '""', '!!str 12', '!!int "3"', '!!null', '!!bool yes', '!!float 1', '[]', '{}', '- a',
    ]);
    const i = L.findIndex((line) => line.startsWith(`${key}:`));
    if (i >= 0) L[i] = `${key}: ${value}`;
    else L.push(`${key}: ${value}`);
  },
  names(r, { lines: L }) {
    const name = r.pick([
      '@scope/agent', 'agent#1', 'agent #1', 'a:b', 'a: b', '-agent', '--agent', '?agent', '? agent', '!agent', '%agent', '&agent', '*agent', '|agent',
      '>agent', '`agent`', '"agent"', "'agent'", 'agent\\x', 'agent/../x', 'a,b', '[a]', '{a}', 'agent.', 'ag ent', ' agent ', 'AGENT', 'Agent Name',
      'agent-é', 'agent-😀', 'agent\\tname', '"a\\tb"', '"a\\nb"', "'a''b'", "a'b", 'a"b', '#', 'agent:', 'agent:x', ':agent',
      'x'.repeat(r.pick([64, 65, 255, 256, 257, 300])), 'agent\u00a0x', `a-${'b'.repeat(250)}`, `"${'x'.repeat(256)}"`, '0xff', 'agent # comment',
      'agent\t# c', '=', '<<', 'on', '- a', '-',
    ]);
    const i = L.findIndex((line) => line.startsWith('name:'));
    if (i >= 0) L[i] = `name: ${name}`;
    else L.push(`name: ${name}`);
  },
  long(r, { lines: L }) {
    const i = L.findIndex((line) => line.startsWith('description:'));
    if (i < 0) return;
    const v = parts(L[i] ?? '')[1].trim();
    const target = r.pick([2000, 10000, 70000, 200000]);
    let long = v || 'x';
    while (long.length < target) long += ` ${v || 'x'}`;
    const p = r.below(long.length);
    if (r.chance(0.5)) long = long.slice(0, p) + r.pick([': ', ' #', '"', '\\n', '\t', '{', ' - ', '`']) + long.slice(p);
    L[i] = `description: ${r.pick(['', '', '"', "'"])}${long}`;
    if ((L[i] ?? '').startsWith('description: "') && r.chance(0.7)) L[i] = `description: "${escape(long)}"`;
  },
  explicit(r, { lines: L }) {
    for (let t = 1 + r.below(2); t > 0; t--) {
      const keys = keyLines(L);
      if (keys.length === 0) break;
      const i = r.pick(keys);
      const [key, raw] = parts(L[i] ?? '');
      const v = raw.trim();
      const shapes = [
        [`${r.pick(['', '', ' ', '  '])}? ${key}`, `${r.pick(['', '', ' ', '  '])}: ${v}`], [`? ${key}`, ':', `  ${v}`], [`? ${key}`, ': |', `  ${v}`],
        [`? ${key}`, '# c', `: ${v}`], [`? ${key}: ${v}`], [`? - ${key}`, `: ${v}`], ['?', `: ${v}`], [`? ${key}`, `: - ${v}`], [`? ${key}`],
        ['? |', `  ${key}`, `: ${v}`], [`? ${key}`, `${r.pick(['  ', '', '\t'])}${r.pick(['- a', 'x: y', '? z', 'more'])}`, `: ${v}`],
        [`${key}:`, `  ? ${r.pick(['a', '[a]', '{a: 1}', '- a'])}`, `  : ${v}`],
      ];
      L.splice(i, 1, ...r.pick(shapes));
    }
    if (r.chance(0.3)) L.splice(r.below(L.length + 1), 0, r.pick(['- x', '? ', ': v', 'foo', '[a]', '&a', '!t']));
  },
  explicit2(r, { lines: L }) {
    for (const i of keyLines(L).reverse()) {
      if (!r.chance(0.6)) continue;
      const [key, raw] = parts(L[i] ?? '');
      const v = raw.trim();
      const shapes = [
        [`? ${r.pick(['', '', '&a ', '!t ', '!!str '])}${key}`, `${r.pick(['', '', ' ', '  '])}: ${v}`],
        [`? ${key}`, ':', `${r.pick(['  ', '', ' ', '\t'])}${v}`],
        [`? ${key}`, `: ${r.pick(['|', '>-', '|2', '"'])}`, `  ${v}${r.chance(0.5) ? '' : '"'}`],
        [`? ${key}`, r.pick(['# c', '', '  # c', '\t']), `: ${v}`],
        [`? ${r.pick(['[', '{'])}${key}${r.pick([']', '}', ''])}`, `: ${v}`],
        [`? ${key}`, `: ${r.pick(['- ', '[', '{a: ', '&x ', '*x ', '? '])}${v}`],
        ['?', `  ${key}`, `: ${v}`],
        [`? ${key}`, `  ${r.pick(['more', '- a', 'x: y', '"q"', '[a]', '|'])}`, `: ${v}`],
        [`${key}:`, `  ? ${r.pick(['a', 'b c', '- a', '[a]'])}`, `  : ${v}`],
        [`? ${key}`, `: ${v}`, r.pick([' : w', '  : w', ': w', '- x', '? ', '  more', '&a', '!t', ':'])],
      ];
      L.splice(i, 1, ...r.pick(shapes));
    }
  },
  retry(r, { lines: L }) {
    const keys = keyLines(L);
    if (keys.length === 0) return;
    const i = r.pick(keys);
    const [key, raw] = parts(L[i] ?? '');
    const v = raw.trim();
    const special = (): string => r.pick(['{', '}', '[', ']', '*', '&', '#', '!', '|', '>', '%', '@', '`', ': ', ' #', '"', "'", '\\', '\\n']);
    const p = r.below(v.length + 1);
    const op = r.below(8);
    if (op === 0) L[i] = `${key}: ${special()}${v}`;
    else if (op === 1) L[i] = `${key}: ${v.slice(0, p)}${special()}${v.slice(p)}`;
    else if (op === 2) L[i] = `${key}:${r.pick(['\t', ' \t', '  '])}${special()}${v}`;
    else if (op === 3) L[i] = `${r.pick(['Key2', 'a.b', 'x1', 'my key', '"q"', 'k_2', '-k', '_k'])}: ${special()}${v}`;
    else if (op === 4) L.splice(i + 1, 0, `${r.pick(['\t', '\t\t', '  ', '\t '])}${r.pick([`more: ${special()}x`, `${special()}x`, `- ${special()}`, 'x'])}`);
    else if (op === 5) L[i] = `${key}: ${v}${r.pick(['\r', ' \r', ''])}`;
    else if (op === 6) L[i] = `${key}: [${v.split(/,\s*/).slice(0, 3).join(', ')}${r.pick([']', '', '] x', ']]'])}`;
    else L[i] = `${key}: ${r.pick(['"', "'"])}${v}${r.pick(['"', "'", '', '" # c'])}`;
  },
  nested(r, { lines: L }) {
    const block = [...r.pick([
      ['hooks:', '  PreToolUse:', '    - matcher: "Bash"', '      hooks:', '        - type: command', '          command: "echo hi"'],
      ['mcpServers:', '  github:', '    command: npx', '    args: ["-y", "@modelcontextprotocol/server-github"]', '    env:', '      TOKEN: ${GITHUB_TOKEN}'],
      ['skills:', '  - code-review', '  - testing'],
      ['metadata:', '  version: 1.0', '  tags: [a, b]', '  owner: team@example.com'],
    ])];
    for (let e = 1 + r.below(2); e > 0; e--) {
      const j = 1 + r.below(block.length - 1);
      const line = block[j] ?? '';
      const op = r.below(6);
      if (op === 0) block[j] = line.replace(/^ /, '');
      else if (op === 1) block[j] = ` ${line}`;
      else if (op === 2) block[j] = line.replace(/^( +)/, (s) => '\t'.repeat(Math.max(1, s.length / 2)));
      else if (op === 3) block[j] = line.replace(/: /, ':');
      else if (op === 4) block.splice(j, 0, r.pick(['', '  # c', '\t', '  ', '#']));
      else block[j] = line + r.pick([' # c', ':', ' :', '  ', '\t']);
    }
    L.splice(r.below(L.length + 1), 0, ...block);
  },
  crlf(r, d) {
    d.crlf = true;
    edits.quotes?.(r, d);
    edits.colons?.(r, d);
  },
  realdesc(r, { lines: L }) {
    const i = L.findIndex((line) => line.startsWith('description:'));
    if (i < 0) return;
    const bits = [
      '**Bold**: text', '`code: x`', 'regex \\d+\\s*', 'C:\\Users\\x', '{{template}}', '${VAR}', '50% faster', '!important', '| a | b |', '> quoted',
      '@mention', '#hashtag', '<!-- note -->', 'a -> b', 'key: value', '- bullet', '* star', '& more', 'e.g. x, y', 'http://x.io/a?b=c#d', '"quoted"',
      "it's", '...', '--- rule', '~tilde', '[link](url)', 'émoji 🚀', 'tab\there', 'back\\slash', '\\n\\n', '<example>', 'Context: x', 'user: "q"',
      'assistant: "a"',
    ];
    const pieces = Array.from({ length: 2 + r.below(6) }, () => r.pick(bits));
    const text = pieces.join(r.pick([' ', ' ', '. ', ', ']));
    const style = r.below(7);
    if (style === 0) L[i] = `description: ${text}`;
    else if (style === 1) L[i] = `description: "${text.replace(/"/g, r.chance(0.5) ? '\\"' : '"')}"`;
    else if (style === 2) L[i] = `description: '${text.replace(/'/g, r.chance(0.5) ? "''" : "'")}'`;
    else if (style === 3) L.splice(i, 1, `description: ${r.pick(['|', '>', '|-', '>-'])}`, ...pieces.map((p) => `  ${p}`));
    else if (style === 4) L.splice(i, 1, `description: ${pieces[0] ?? ''}`, ...pieces.slice(1).map((p) => `  ${p}`));
    else if (style === 5) L.splice(i, 1, 'description:', ...pieces.map((p) => `  ${p}`));
    else L.splice(i, 1, `description: "${pieces[0] ?? ''}`, ...pieces.slice(1).map((p) => `  ${p}`), '  end"');
  },
  crlfmulti(r, d) {
    d.crlf = true;
    if (r.chance(0.5)) edits.realdesc?.(r, d);
    else {
      edits.blocks?.(r, d);
      edits.multiline?.(r, d);
    }
  },
};

/** The corpus files' frontmatters (as the client splits them) and the first lines of their bodies. */
function corpusFiles(dir: string): { frontmatter: string; body: string }[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.md') && entry !== 'README.md') files.push(path);
    }
  };
  walk(dir);
  return files.flatMap((path) => {
    const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
    const match = /^---\s*\n([\s\S]*?)---\s*\n?/.exec(text);
    return match && text.indexOf('---', 3) >= 0 ? [{ frontmatter: match[1] ?? '', body: text.slice(match[0].length, match[0].length + 300) }] : [];
  });
}

function draw(r: Random, family: string, sources: { frontmatter: string; body: string }[]): string {
  const source = r.pick(sources);
  const draft: Draft = { lines: source.frontmatter.replace(/\n$/, '').split('\n') };
  if (family === 'mixed') {
    for (let e = 2 + r.below(3); e > 0; e--) edits[r.pick(Object.keys(edits))]?.(r, draft);
    if (r.chance(0.15)) draft.fences = true;
  } else {
    for (let e = 1 + r.below(family === 'explicit' ? 2 : 3); e > 0; e--) edits[family]?.(r, draft);
  }
  let frontmatter = `${draft.lines.join('\n')}\n`;
  if (draft.crlf) frontmatter = r.chance(0.7) ? frontmatter.replace(/\n/g, '\r\n') : frontmatter.replace(/\n/g, (n) => (r.chance(0.5) ? '\r\n' : n));
  let open = '---\n';
  let close = '---\n';
  if (draft.fences) {
    const op = r.below(10);
    if (op === 0) frontmatter = frontmatter.replace(/\n/g, '\r\n');
    else if (op === 1) frontmatter = frontmatter.replace(/\n/g, '\r');
    else if (op === 2) frontmatter = frontmatter.replace(/\n/g, (n) => (r.chance(0.4) ? '\r\n' : r.chance(0.2) ? '\r' : n));
    open = r.pick(['---\n', '---\r\n', '--- \n', '---\t\n', '---  \r\n', '---\r', '\ufeff---\n', '\ufeff---\r\n', '---\u00a0\n', '--- # c\n']);
    close = r.pick(['---\n', '---\r\n', '--- \n', '---\t\n', ' ---\n', '---\r', '---', '----\n', '--- x\n', '...\n---\n']);
    if (frontmatter.endsWith('\r\n') && r.chance(0.5)) frontmatter = `${frontmatter.slice(0, -2)}\n`;
  }
  return open + frontmatter + close + source.body;
}

describe.skipIf(!oracle || !corpus)('the parser against the real client on hand-edited corpus files', () => {
  const folder = useTempFolders();

  it('gives the client verdict and name for every file of every family (skip reasons that differ are printed)', () => {
    const sources = corpusFiles(corpus ?? '');
    const dir = folder();
    const families = [...Object.keys(edits), 'mixed'];
    const drawn = families.map((family) => {
      const r = random(SEED * 1000 + family.length * 7919 + family.charCodeAt(0));
      return [family, Array.from({ length: RUNS }, () => draw(r, family, sources))] as const;
    });
    const count = writeFamilies(dir, Object.fromEntries(drawn));
    const rows = compareWithClient(oracle ?? '', dir);
    expect(rows).toHaveLength(count);
    const wrong = rows.filter((row) => !row.sameVerdict || (row.client.verdict === 'loaded' && !row.agrees)).map((row) => row.line);
    const wordings = rows.filter((row) => row.sameVerdict && !row.agrees && row.client.verdict !== 'loaded').map((row) => row.line);
    console.log(`seed ${SEED}: ${count} files, ${wrong.length} verdicts or names and ${wordings.length} skip reasons differ${wordings.length ? `:\n${wordings.join('\n')}` : ''}`);
    expect(wrong).toEqual([]);
  }, 900_000);
});
