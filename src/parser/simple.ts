import type { KeyLocation } from './yaml.js';

/**
 * A fast reader for the frontmatter most agent files have: one `key: value` per line, at column 1,
 * each value a plain word-like scalar, a one-line double-quoted string with common escapes, or a
 * one-line single-quoted string. For these, every YAML 1.2 parser (and Bun) agrees on the result,
 * which a property test checks against the full engine. Anything else returns undefined and goes
 * through the full engine: this only decides what it is sure of.
 */

/**
 * Characters where YAML engines are known to disagree (line ends, tabs, controls, separators, BOM), and
 * white space beyond ASCII, which YAML keeps as text where JavaScript's trim() would drop it.
 */
const UNSURE_CHARS = '\\x00-\\x09\\x0b-\\x1f\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const UNSURE = new RegExp(`[${UNSURE_CHARS}]`);
/**
 * A `key: value` line whose value holds none of UNSURE's characters: one scan of most of a block's text
 * tells both. (UNSURE also holds every character `.` does not match.) Sticky, and read where a line of
 * the block starts: the block is not split into lines. The value starts at its first character other
 * than a space (a value of spaces alone is none): were it free to start with spaces, a line of many
 * spaces ending in a tab would be tried at every split between the two, in time that grows with the
 * square of its length (a test holds a 200,000-space line to a prompt answer).
 */
const KEY_LINE = new RegExp(`([A-Za-z_][A-Za-z0-9_-]*):(?: +([^ ${UNSURE_CHARS}\\n][^${UNSURE_CHARS}\\n]*)?)?(?=\\n|$)`, 'y');
/** A plain scalar that starts like a word (so it is no number, indicator or quote); see readValue for the rest. */
const SAFE_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`0-9+.~\\]/u;
const PLAIN_WORDS = /^(true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
/** The inside of a one-line double-quoted scalar whose escapes are all ones every engine reads alike. */
const DQ_KNOWN_ESCAPES = /\\(?:["\\/ntr]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/g;
const DQ_ESCAPE = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)/g;
const SQ_BODY = /^'((?:[^']|'')*)'$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r' };

/**
 * Escapes JSON reads but the fast path leaves to the full engine: \b and \f (not in DQ_KNOWN_ESCAPES), and
 * \u escapes of control characters and surrogates, where engines differ.
 */
const JSON_UNSURE = /\\(?:[bf]|u(?:00[01][0-9A-Fa-f]|[Dd][89A-Fa-f][0-9A-Fa-f]{2}))/;

/**
 * The value of a one-line double-quoted scalar (`text`, quotes included), when every engine reads it
 * alike, else undefined. No quote may be left unescaped (the scalar would end early), and only the
 * escapes of DQ_KNOWN_ESCAPES may appear.
 */
function readDoubleQuoted(text: string): string | undefined {
  if (!text.includes('\\')) return text.indexOf('"', 1) === text.length - 1 ? text.slice(1, -1) : undefined;
  // Without \x escapes, the known ones (\" \\ \/ \n \t \r \uXXXX) are JSON's escape set less \b and \f:
  // the native JSON reader unescapes them, and refuses a bare quote or any other escape (the text holds
  // no raw control character: KEY_LINE excluded those). A `\\` before `b`, `f` or `u00…` can make
  // JSON_UNSURE refuse a text the engines would agree on: the full engine reads it then. The text is
  // a JSON string as it is written, quotes and all: JSON.parse reads it without a copy being made.
  if (pairAt(text, 120, 92, -1) === -1) {
    if (JSON_UNSURE.test(text)) return undefined;
    try {
      return JSON.parse(text) as string;
    } catch {
      return undefined;
    }
  }
  const body = text.slice(1, -1);
  const rest = body.replace(DQ_KNOWN_ESCAPES, '');
  return /["\\]/.test(rest) ? undefined : unescapeDouble(body);
}

/** A body with \x escapes (see readDoubleQuoted), unescaped. */
function unescapeDouble(body: string): string | undefined {
  let unsure = false;
  const out = body.replace(DQ_ESCAPE, (_, escape: string) => {
    if (escape.length === 1) return ESCAPES[escape] ?? '';
    const code = Number.parseInt(escape.slice(1), 16);
    // Surrogate and control escapes are where engines differ: leave them to the full engine.
    if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) unsure = true;
    return String.fromCharCode(code);
  });
  return unsure ? undefined : out;
}

/** A value every YAML parser rejects: a plain scalar with `: ` on a top-level key line (a nested compact map). */
const NESTED_MAP = Symbol('nested map');
/** A value every YAML parser rejects: `*`, an alias with no name. */
const EMPTY_ALIAS = Symbol('empty alias');

const DECIMAL = /^[-+]?[0-9]+$/;
/** What YAML 1.2's core schema reads as a number (or a special float): left to the full engine. */
const NUMBER_LIKE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^0o[0-7]+$|^0x[0-9a-fA-F]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

type Read = { value: unknown; type: string } | typeof NESTED_MAP | typeof EMPTY_ALIAS | undefined;

function readValue(raw: string): Read {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 32) end--;
  const text = end === raw.length ? raw : raw.slice(0, end);
  if (text.startsWith('[')) return readFlowList(text);
  // maxTurns: 20, version: 1.0.0: a small decimal is a number, other digit-led words are strings.
  if (DECIMAL.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) && !/^[-+]?0[0-9]/.test(text) ? { value: number, type: 'PLAIN' } : undefined;
  }
  if (/^[0-9]/.test(text) && !NUMBER_LIKE.test(text) && /^[0-9A-Za-z._/-]+$/.test(text)) return { value: text, type: 'PLAIN' };
  // `4.1 release notes`: digit-led, but with a space it is no number of the core schema: plain text.
  if (/^[0-9][0-9.]*[ ][^\s]/.test(text)) return readPlain(text);
  if (text.startsWith('"')) {
    const value = text.length >= 2 && text.endsWith('"') ? readDoubleQuoted(text) : undefined;
    return value === undefined ? undefined : { value, type: 'QUOTE_DOUBLE' };
  }
  if (text.startsWith("'")) {
    const body = SQ_BODY.exec(text)?.[1];
    return body === undefined ? undefined : { value: body.replaceAll("''", "'"), type: 'QUOTE_SINGLE' };
  }
  // A bare `*` is an alias without a name: every engine rejects it (the client's retry quotes it).
  if (text === '*') return EMPTY_ALIAS;
  if (!SAFE_START.test(text) || PLAIN_WORDS.test(text)) return undefined;
  return readPlain(text);
}

/**
 * A plain scalar: `: ` before any ` #` makes a nested map (an error); a ` #` starts a comment and a
 * final `:` a map, which the full engine reads.
 */
function readPlain(text: string): Read {
  const colon = pairAt(text, 58, 32, 0);
  const comment = pairAt(text, 35, 32, -1);
  if (colon >= 0 && (comment < 0 || colon < comment)) return NESTED_MAP;
  if (comment >= 0 || text.endsWith(':')) return undefined;
  return { value: text, type: 'PLAIN' };
}

/**
 * Where the first `mark` with `neighbour` beside it (`side` 0: after it, -1: before it) is in `text`, as
 * indexOf of the pair would say (the pair's start), or -1. The mark (`:`, `#`, `x`) is searched for, which
 * is rare in prose, not the pair, whose other half (a space, a backslash) is not: a two-character search
 * stops at each of those.
 */
export function pairAt(text: string, mark: number, neighbour: number, side: 0 | -1): number {
  const char = String.fromCharCode(mark);
  for (let at = text.indexOf(char, side === 0 ? 0 : 1); at !== -1; at = text.indexOf(char, at + 1)) {
    if (text.charCodeAt(side === 0 ? at + 1 : at - 1) === neighbour) return at + side;
  }
  return -1;
}

/** `[a, b]` or `["a", "b"]`: a one-line flow list of plain words or quoted strings (nothing nested). */
function readFlowList(text: string): Read {
  if (!text.endsWith(']') || /[{}]/.test(text)) return undefined;
  const inner = text.slice(1, -1);
  if (inner.trim() === '') return { value: [], type: 'FLOW_SEQ' };
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    if (item === '' || /[[\]]/.test(item)) return undefined;
    if (item.startsWith('"') || item.startsWith("'")) {
      const read = readValue(item);
      if (!read || typeof read !== 'object' || typeof read.value !== 'string') return undefined;
      items.push(read.value);
    } else if (SAFE_START.test(item) && !PLAIN_WORDS.test(item) && !/[:#]/.test(item)) items.push(item);
    else return undefined;
  }
  return { value: items, type: 'FLOW_SEQ' };
}


/** `fails`: why every engine rejects the block; `error`: the client engine's wording, when it is not "Unexpected token"; `at`: the value at fault. */
export type SimpleResult = { value: Record<string, unknown>; keys: KeyLocation[] } | { fails: string; error?: string; at: number } | undefined;

/**
 * Any character of UNSURE anywhere in the block sends it to the full engine. KEY_LINE finds them on the
 * lines it reads, readLiteral on a block scalar's lines, and the whole block is looked at where the
 * reading ends early at a value that fails, so that no failure is said for a block the full engine should read.
 */
export function parseSimpleBlock(block: string): SimpleResult {
  // A lone surrogate is read differently by the engines. (isWellFormed answers a one-byte string at once,
  // and scans a two-byte one faster than a regex does: 1.7 against 2.5 µs for 3 KB, or 13 with an emoji.)
  if (!block.isWellFormed()) return undefined;
  const value: Record<string, unknown> = {};
  const keys: KeyLocation[] = [];
  const length = block.length;
  // `start` is where a line starts, `offset` where the next one does (past the end after the last).
  for (let start = 0, offset = 0; start < length; start = offset) {
    if (block.charCodeAt(start) === 10) {
      offset = start + 1;
      continue;
    }
    KEY_LINE.lastIndex = start;
    const match = KEY_LINE.exec(block);
    if (!match) return undefined;
    const end = KEY_LINE.lastIndex;
    offset = end + 1;
    const key = match[1] ?? '';
    if (key === '__proto__') return undefined;
    const raw = match[2];
    if (raw === '|' || raw === '|-' || raw === '>' || raw === '>-') {
      const literal = readLiteral(block, offset, raw.endsWith('-'), raw.startsWith('>'));
      if (!literal) return undefined;
      value[key] = literal.value;
      keys.push({ key, keyOffset: start, valueOffset: end - raw.length, valueType: raw.startsWith('>') ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL' });
      offset = literal.next;
      continue;
    }
    if (raw === undefined || raw.trim() === '') {
      // `key:` alone may open a nested block on the next lines; only accept it at the very end.
      // (Lines left of only white space fail KEY_LINE below: only empty ones remain.)
      if (block.slice(offset).trim() !== '') return undefined;
      value[key] = null;
      keys.push({ key, keyOffset: start, valueOffset: start });
      continue;
    }
    const read = readValue(raw);
    const at = end - raw.length;
    if ((read === NESTED_MAP || read === EMPTY_ALIAS) && UNSURE.test(block)) return undefined;
    if (read === NESTED_MAP) return { fails: `the value of "${key}" holds ": " unquoted (a nested map is not allowed here); quote the value`, at };
    // (Bun meets the next character; only a `*` ending the text runs into its end, which the engine decides.)
    if (read === EMPTY_ALIAS) return end === length ? undefined : { fails: 'Alias cannot be an empty string', error: 'Unexpected character', at };
    if (!read) return undefined;
    value[key] = read.value;
    keys.push({ key, keyOffset: start, valueOffset: at, valueType: read.type });
  }
  return keys.length > 0 ? { value, keys } : undefined;
}

/**
 * A block scalar (`|` literal or `>` folded; `-` keeps no final newline) whose lines share one indentation.
 * Lines holding only spaces, or indented less than the first line, are left to the full engine.
 */
function readLiteral(block: string, from: number, strip: boolean, folded: boolean): { value: string; next: number } | undefined {
  let indent = -1;
  let next = from;
  const content: string[] = [];
  // Line by line from `from` (a block ending in a line break ends with an empty line, as split has it).
  for (; next <= block.length; ) {
    const lineEnd = block.indexOf('\n', next);
    const end = lineEnd === -1 ? block.length : lineEnd;
    const line = block.slice(next, end);
    if (line !== '') {
      const spaces = line.length - line.trimStart().length;
      if (spaces === 0) break;
      if (spaces === line.length || UNSURE.test(line)) return undefined;
      if (indent < 0) indent = spaces;
      if (spaces < indent) return undefined;
      content.push(line.slice(indent));
    } else content.push('');
    next = end + 1;
  }
  if (indent < 0) return undefined;
  while (content.length > 0 && content[content.length - 1] === '') content.pop();
  // Folding: lines of one paragraph join with a space, each empty line between them is one line break.
  // A more-indented line is not folded in YAML; leave such blocks to the full engine.
  if (folded && content.some((line) => line.startsWith(' '))) return undefined;
  const text = folded ? content.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ').replace(/\n(\n+)/g, '$1') : content.join('\n');
  return { value: text + (strip || content.length === 0 ? '' : '\n'), next };
}
