import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import { parseSimpleBlock } from './simple.js';

/**
 * The full YAML engine loads on first need: most agent files never need it (the fast path reads them),
 * so checking a few files starts without it.
 */
let loaded: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * The YAML engine, tuned to read what the client's engine (Bun.YAML.parse, Bun 1.4) reads, and no more.
 * Measured against Bun on 555 inputs (see tests/parser/yaml-engine.test.ts): YAML 1.2 core schema,
 * duplicate keys allowed (last wins), merge keys on, several documents read as a list, a NUL byte
 * rejected, and alias expansion capped where Bun caps it.
 */
const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, logLevel: 'error' } as const;
/** Bun refuses documents whose aliases expand to more nodes than this. */
const MAX_EXPANDED_NODES = 2 ** 24;
/** yaml errors that Bun does not raise (measured), as long as they are the only ones. */
const TOLERATED = new Set(['KEY_OVER_1024_CHARS']);

export interface KeyLocation {
  key: string;
  keyOffset: number;
  valueOffset: number;
  /** The scalar style of the value (`PLAIN`, `QUOTE_DOUBLE`, `BLOCK_LITERAL`, …), when it is a scalar. */
  valueType?: string;
}

export type YamlResult =
  | { ok: true; value: unknown; keys: KeyLocation[] }
  | { ok: false; error: string; detail: string };

/**
 * Errors yaml raises on documents Bun reads, where yaml's document is right all the same: a list or map
 * used as a key after an empty or comment line ("Map comment with trailing content").
 */
const yamlSlip = (error: { code: string; message: string }): boolean =>
  error.code === 'IMPOSSIBLE' && error.message.startsWith('Map comment with trailing content');

/** Bun's wording for what yaml reports; the client shows these in its log. */
const BUN_MESSAGES: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: 'Multiline implicit key',
  TAB_AS_INDENT: 'Tab characters cannot be used as indentation',
  BAD_DQ_ESCAPE: 'Unexpected character',
  TAG_RESOLVE_FAILED: 'Unresolved tag handle',
};

const fail = (error: string, detail: string): YamlResult => ({ ok: false, error, detail: oneLine(detail) });

/**
 * Bun's wording for an error yaml reports as `code` (on `source`, the text it points at), where one
 * yaml code stands for several of Bun's (measured with the client):
 * - a multi-line implicit key is "Multiline implicit key" when it is the block's first key or goes on
 *   onto an indented line, "Unexpected token" when a stray line (such as `<example>`) follows other keys;
 * - an unclosed quote is "Unexpected character" when a line inside it starts at column 1, else
 *   "Unexpected EOF" (it runs to the end of the frontmatter).
 */
function bunMessage(code: string, message: string, [start, end]: [number, number], text: string): string {
  if (code === 'MULTILINE_IMPLICIT_KEY') {
    // "Multiline implicit key" for a real key (a `:` follows) that is the block's first, at column 1
    // (only blank and comment lines before it), or that goes on onto indented lines; otherwise the
    // lines are stray ones: "Unexpected token".
    const continued = text.slice(start, end).split('\n').slice(1);
    const isKey = /^[ \t]*:/.test(text.slice(end));
    const before = text.slice(0, start);
    const first = (before === '' || before.endsWith('\n')) && before.split('\n').every((line) => /^[ \t]*(#.*)?\r?$/.test(line));
    const indented = continued.every((line) => /^[ \t]/.test(line) && !/^[ \t]*- /.test(line));
    return isKey && (first || indented) ? 'Multiline implicit key' : 'Unexpected token';
  }
  // A block scalar header with more after it (`|x`), or a tag or anchor glued to what follows (`&{`).
  if (/^(Block scalar header includes extra characters|Tags and anchors must be separated)/.test(message)) return 'Unexpected character';
  // `*` names no anchor: at the very end of the text Bun runs out of input, anywhere else it meets a character.
  if (code === 'BAD_ALIAS') return text.slice(end).trim() === '' && !/\n$/.test(text) ? 'Unexpected EOF' : 'Unexpected character';
  if (code === 'MISSING_CHAR' && message.startsWith('Missing closing')) {
    const lines = text.split('\n');
    const open = lines.findIndex((line) => UNCLOSED_QUOTE.test(line));
    if (open >= 0) return lines.slice(open + 1).some((line) => /^\S/.test(line)) ? 'Unexpected character' : 'Unexpected EOF';
  }
  return BUN_MESSAGES[code] ?? 'Unexpected token';
}

/** A `key: "…` or `key: '…` line whose quote does not close on it. */
const UNCLOSED_QUOTE = /^[^#"']*?:[ \t]+(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$/;

export function parseYaml(text: string): YamlResult {
  const simple = parseSimpleBlock(text);
  if (simple && 'fails' in simple) return fail(simple.error ?? 'Unexpected token', simple.fails);
  if (simple) return { ok: true, ...simple };
  const limit = Error.stackTraceLimit;
  // yaml builds an Error (with a stack trace) for every problem it meets; traces are never shown here.
  Error.stackTraceLimit = 0;
  try {
    const docs = yaml().parseAllDocuments(text, OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    // Deeper than yaml's recursive reader goes (Bun reads more): read the top-level entries one by one.
    if (list.some((doc) => doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'))) return byEntries(text) ?? fail(STACK_OVERFLOW, 'nested deeper than the YAML reader can follow');
    // Bun stops at the first problem in the text. yaml finds an alias without an anchor only when it
    // builds values, and lets a NUL byte through: both are looked for here, and the earliest wins.
    const nul = text.indexOf('\0');
    for (const doc of list) {
      const error = doc.errors.find((e) => !TOLERATED.has(e.code) && !(e.code === 'BAD_SCALAR_START' && text[e.pos[0]] === ',') && !yamlSlip(e));
      const alias = text.includes('*') ? unresolvedAlias(doc) : undefined;
      const escape = /\\[uU]/.test(text) ? loneSurrogateEscape(doc, text) : undefined;
      const at = Math.min(error?.pos[0] ?? Infinity, escape ?? Infinity);
      if (escape !== undefined && escape === at && (alias === undefined || escape < alias) && (nul < 0 || escape < nul)) {
        return fail('Unexpected character', 'a \\u escape names half of a surrogate pair');
      }
      if (nul >= 0 && nul < at && (alias === undefined || nul < alias)) return fail('Unexpected character', 'a NUL byte is not allowed in YAML');
      if (alias !== undefined && alias < at) return fail('Unresolved alias', 'an alias names no anchor defined before it');
      if (error) return fail(bunMessage(error.code, error.message, error.pos, text), error.message);
    }
    if (nul >= 0) return fail('Unexpected character', 'a NUL byte is not allowed in YAML');
    if (list.length === 0) return { ok: true, value: null, keys: [] };
    // Where this thread's stack let yaml read deeper than Bun does (a worker thread has more), fail as Bun.
    if (text.length > 2 * BUN_MAX_DEPTH && bracketDepth(text) > BUN_MAX_DEPTH && (syntaxDepth(text) ?? Infinity) > BUN_MAX_DEPTH) {
      return fail(STACK_OVERFLOW, 'nested deeper than Bun reads');
    }
    if (text.includes('!')) for (const doc of list) applyBunTags(doc, text);
    if (/[[{?]/.test(text)) for (const doc of list) stringKeys(doc);
    const values = list.map((doc) => doc.toJS({ maxAliasCount: -1 }) as unknown);
    if (expandedSize(values) > MAX_EXPANDED_NODES) return fail('Excessive aliasing', 'aliases expand to more than 2^24 nodes');
    if (list.length > 1) return { ok: true, value: values, keys: [] };
    const [doc] = list as [Document.Parsed];
    return { ok: true, value: nullKeys(doc, values[0]), keys: topLevelKeys(doc) };
  } catch (error) {
    // Pathological nesting (RangeError) lands here: a parse failure, as in Bun, never a crash.
    const message = error instanceof Error ? error.message : String(error);
    return fail(error instanceof RangeError ? STACK_OVERFLOW : 'Unexpected token', message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The tags Bun applies to a plain scalar by reading it as usual; `!!str` makes it a string. */
const CORE_TAGS = new Set(['!!int', '!!float', '!!bool', '!!null']);

/**
 * Tags on scalars as Bun reads them (measured with the client): a quoted or block scalar is a string
 * whatever its tag (`!!int "12"` is "12"); on a plain scalar, `!!int`, `!!float`, `!!bool` and
 * `!!null` change nothing (`!!int 1.5` is 1.5) and every other tag (`!!str`, `!!binary`,
 * `!!timestamp`, `!!merge`, `!foo`, `!<tag:yaml.org,2002:int>`) makes it a string. yaml would apply
 * the tag instead: a number, a Buffer, a Date, a merge.
 */
function applyBunTags(doc: Document.Parsed, text: string): void {
  const { visit, isScalar } = yaml();
  visit(doc, {
    Scalar(_, node) {
      if (node.tag === undefined || !isScalar(node)) return;
      const source = node.source ?? String(node.value);
      const tag = tagWritten(text, node.range?.[0] ?? 0);
      node.value = node.type === 'PLAIN' && tag !== undefined && CORE_TAGS.has(tag) ? plainValue(source) : source;
      node.tag = undefined;
    },
  });
}

/**
 * A list or map used as a key becomes the string JavaScript makes of it, as in Bun: `[name]: x` sets
 * `name` ("a,b" for `[a, b]`, "[object Object]" for a map); yaml would write it as YAML text.
 */
function stringKeys(doc: Document.Parsed): void {
  const { visit, isCollection, Scalar } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) pair.key = new Scalar(String(pair.key.toJS(doc)));
    },
  });
}

/**
 * Where the first double-quoted scalar with a lone surrogate escape is (`"\ud800"`, `"\U0000DC00"`):
 * Bun rejects those and accepts a high and low pair (`"\ud83d\ude00"`), yaml accepts both.
 */
function loneSurrogateEscape(doc: Document.Parsed, text: string): number | undefined {
  const { visit } = yaml();
  let first: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const at = node.range[0];
      if (first !== undefined && first < at) return;
      // A high surrogate escape must be followed at once by a low one.
      let highEnd = -1;
      for (const match of text.slice(at, node.range[1]).matchAll(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g)) {
        const escape = match[1] ?? '';
        const code = escape.length > 1 ? Number.parseInt(escape.slice(1), 16) : -1;
        const isHigh = escape[0] === 'u' && code >= 0xd800 && code <= 0xdbff;
        const isLow = escape[0] === 'u' && code >= 0xdc00 && code <= 0xdfff;
        const paired = highEnd === match.index;
        if ((escape[0] === 'U' && code >= 0xd800 && code <= 0xdfff) || (isLow && !paired) || (highEnd >= 0 && !(paired && isLow))) {
          first = at;
          return;
        }
        highEnd = isHigh ? match.index + match[0].length : -1;
      }
      if (highEnd >= 0) first = at;
    },
  });
  return first;
}

/** Where the first alias without an earlier anchor of its name is, if any. */
function unresolvedAlias(doc: Document.Parsed): number | undefined {
  const { visit } = yaml();
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const at = node.range?.[0] ?? 0;
      if (node.resolve(doc) === undefined && (first === undefined || at < first)) first = at;
    },
  });
  return first;
}

/** The tag written before the value at `at` (past an anchor, in either order), as written. */
function tagWritten(text: string, at: number): string | undefined {
  let end = at;
  for (let token = 0; token < 2; token++) {
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
    const written = text.slice(start, end);
    if (written.startsWith('!')) return written;
    if (!written.startsWith('&')) return undefined;
    end = start;
  }
  return undefined;
}

/** What a plain scalar reads as without a tag (YAML 1.2 core schema: null, bool, int, float, or text). */
function plainValue(source: string): unknown {
  try {
    return yaml().parse(source) as unknown;
  } catch {
    return source;
  }
}

/** Bun reads nesting about this deep (measured with the client: 4,500 levels read, 5,000 not). */
const BUN_MAX_DEPTH = 4700;
/** What the client reports when Bun runs out of stack. */
export const STACK_OVERFLOW = 'Maximum call stack size exceeded.';

/**
 * A block map too deep for yaml's recursive composer, read one top-level entry at a time (entries start
 * at column 1). An entry that is itself too deep is checked by yaml's iterative syntax parser only and
 * read as null: the client's checks look at `name`, `description` and `hooks`, which are never the deep
 * ones in practice. Undefined when the text is no such map (the caller reports the overflow).
 */
function byEntries(text: string): YamlResult | undefined {
  const starts = [...text.matchAll(/^[^\s#-]/gm)].map((match) => match.index);
  if (starts.length < 2 || (starts[0] ?? 0) > 0 && text.slice(0, starts[0]).trim() !== '') return undefined;
  const value: Record<string, unknown> = {};
  const keys: KeyLocation[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] ?? 0;
    const entry = text.slice(start, starts[k + 1] ?? text.length);
    const read = parseYaml(entry);
    if (read.ok) {
      if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) return undefined;
      Object.assign(value, read.value);
      keys.push(...read.keys.map((key) => ({ ...key, keyOffset: key.keyOffset + start, valueOffset: key.valueOffset + start })));
      continue;
    }
    const key = /^([^:\n]+):(?:[ \t]|$)/m.exec(entry)?.[1];
    const depth = read.error === STACK_OVERFLOW ? syntaxDepth(entry) : undefined;
    if (!key || depth === undefined) return read;
    if (depth > BUN_MAX_DEPTH) return fail(STACK_OVERFLOW, 'nested deeper than Bun reads');
    value[key] = null;
    keys.push({ key, keyOffset: start, valueOffset: start + key.length + 1 });
  }
  return { ok: true, value, keys };
}

/** An upper bound of the flow nesting (brackets and braces, quotes not considered): a cheap first look. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/**
 * How deep an entry nests, by yaml's iterative syntax parser (no recursion: that is what is too deep);
 * undefined when it finds a syntax error.
 */
function syntaxDepth(entry: string): number | undefined {
  const { Parser } = yaml();
  let depth = 0;
  for (const token of new Parser().parse(entry)) {
    const stack: [Record<string, unknown>, number][] = [[token as unknown as Record<string, unknown>, 0]];
    while (stack.length > 0) {
      const [node, level] = stack.pop() as [Record<string, unknown>, number];
      if (node.type === 'error') return undefined;
      depth = Math.max(depth, level);
      for (const item of (node.items as Record<string, unknown>[] | undefined) ?? []) {
        for (const part of [item.key, item.value, ...((item.start as unknown[]) ?? []), ...((item.sep as unknown[]) ?? [])]) {
          if (part && typeof part === 'object') stack.push([part as Record<string, unknown>, level + 1]);
        }
      }
      if (node.value && typeof node.value === 'object') stack.push([node.value as Record<string, unknown>, level]);
    }
  }
  return depth;
}

/** Size of a value with every shared (aliased) node counted each time it is reached, memoized. */
function expandedSize(value: unknown, memo = new Map<object, number>()): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, 1); // a cycle counts once
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    size += expandedSize(child, memo);
    if (size > MAX_EXPANDED_NODES) break;
  }
  memo.set(value, size);
  return size;
}

/** Bun names a null key "null" where yaml names it "": only the top level matters to the client. */
function nullKeys(doc: Document.Parsed, value: unknown): unknown {
  const { isMap, isScalar } = yaml();
  const contents = doc.contents;
  if (!isMap(contents) || typeof value !== 'object' || value === null) return value;
  const hasNullKey = contents.items.some((pair) => isScalar(pair.key) && pair.key.value === null);
  const hasEmptyKey = contents.items.some((pair) => isScalar(pair.key) && pair.key.value === '');
  if (!hasNullKey || hasEmptyKey) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key === '' ? 'null' : key, item]));
}

function oneLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

const NEEDS_QUOTES = /[{}[\]*&#!|>%@`]|: /;
/** The client's pattern for a one-line `key: value` its retry may quote. */
export const SIMPLE_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;

/**
 * The client's one retry after a failed parse: every single-line `key: value` whose value holds a character
 * YAML would read specially is wrapped in double quotes, then leading tabs become two spaces each.
 * The patterns are the client's own (note `.` stops at `\r`, so CRLF lines are never quoted).
 */
export function quoteForRetry(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const match = SIMPLE_LINE.exec(line);
      const key = match?.[1];
      const value = match?.[2];
      if (!key || !value) return line;
      if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
        return line;
      }
      if (value.startsWith('[') && value.endsWith(']')) {
        const list = parseYaml(value);
        if (list.ok && Array.isArray(list.value)) return line;
      }
      if (!NEEDS_QUOTES.test(value)) return line;
      return `${key}: "${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    })
    .join('\n')
    .replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
}

/** Offsets of every top-level key, in the order written (duplicates included). */
function topLevelKeys(doc: Document.Parsed): KeyLocation[] {
  const { isMap, isNode, isScalar } = yaml();
  const contents = doc.contents;
  if (!isMap(contents)) return [];
  const keys: KeyLocation[] = [];
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const raw = isScalar(keyNode) ? keyNode.value : keyNode;
    const key = raw === null ? 'null' : String(raw ?? '');
    const keyOffset = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : 0;
    const valueNode = pair.value;
    // Any node, lists included, has a range; only a missing value falls back to the key.
    const valueOffset = isNode(valueNode) ? (valueNode.range?.[0] ?? keyOffset) : keyOffset;
    const valueType = isScalar(valueNode) && typeof valueNode.type === 'string' ? valueNode.type : undefined;
    keys.push({ key, keyOffset, valueOffset, ...(valueType ? { valueType } : {}) });
  }
  return keys;
}
