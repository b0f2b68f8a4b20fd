import type { KeyLocation } from './yaml.js';

/**
 * A fast reader for the frontmatter most agent files have: one `key: value` per line, at column 1,
 * each value a plain word-like scalar, a one-line double-quoted string with common escapes, or a
 * one-line single-quoted string. For these, every YAML 1.2 parser (and Bun) agrees on the result,
 * which a property test checks against the full engine. Anything else returns undefined and goes
 * through the full engine: this only decides what it is sure of.
 */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
/** A plain scalar that cannot be a number, bool, null, an indicator, a comment or hold `: `. */
const SAFE_PLAIN = /^[A-Za-z_/(][^#:\t"'`{}[\]]*$/;
const PLAIN_WORDS = /^(true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
const DQ_BODY = /^"((?:[^"\\]|\\["\\/ntr]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})*)"$/;
const SQ_BODY = /^'((?:[^']|'')*)'$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r' };

function unescapeDouble(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next === 'x' || next === 'u') {
      const size = next === 'x' ? 2 : 4;
      const code = Number.parseInt(body.slice(i + 2, i + 2 + size), 16);
      // Surrogate and control escapes are where engines differ: leave them to the full engine.
      if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      out += String.fromCharCode(code);
      i += 1 + size;
    } else {
      out += ESCAPES[next] ?? '';
      i += 1;
    }
  }
  return out;
}

function readValue(raw: string): { value: string; type: string } | undefined {
  const text = raw.replace(/ +$/, '');
  if (text.startsWith('"')) {
    const body = DQ_BODY.exec(text)?.[1];
    const value = body === undefined ? undefined : unescapeDouble(body);
    return value === undefined ? undefined : { value, type: 'QUOTE_DOUBLE' };
  }
  if (text.startsWith("'")) {
    const body = SQ_BODY.exec(text)?.[1];
    return body === undefined ? undefined : { value: body.replaceAll("''", "'"), type: 'QUOTE_SINGLE' };
  }
  if (!SAFE_PLAIN.test(text) || PLAIN_WORDS.test(text) || text.includes(' #')) return undefined;
  return { value: text, type: 'PLAIN' };
}

/** Characters where YAML engines are known to disagree (line ends, tabs, controls, separators, surrogates). */
const UNSURE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;

export function parseSimpleBlock(block: string): { value: Record<string, unknown>; keys: KeyLocation[] } | undefined {
  if (UNSURE.test(block)) return undefined;
  const value: Record<string, unknown> = {};
  const keys: KeyLocation[] = [];
  let offset = 0;
  for (const line of block.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line === '') continue;
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1] ?? '';
    if (key === '__proto__') return undefined;
    const raw = match[2];
    if (raw === undefined || raw.trim() === '') {
      // `key:` alone may open a nested block on the next lines; only accept it at the very end.
      if (block.slice(offset).trim() !== '') return undefined;
      value[key] = null;
      keys.push({ key, keyOffset: start, valueOffset: start });
      continue;
    }
    const read = readValue(raw);
    if (!read) return undefined;
    value[key] = read.value;
    keys.push({ key, keyOffset: start, valueOffset: start + line.length - raw.length, valueType: read.type });
  }
  return keys.length > 0 ? { value, keys } : undefined;
}
