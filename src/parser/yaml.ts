import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';

/**
 * The YAML engine, tuned to read what the client's engine (Bun.YAML.parse) reads, and no more.
 * Duplicate keys are allowed and the last one wins, as in the client.
 */
const OPTIONS = { uniqueKeys: false, prettyErrors: false, schema: 'core', maxAliasCount: 100 } as const;

export type YamlResult =
  | { ok: true; value: unknown; doc: Document.Parsed }
  | { ok: false; error: string };

export function parseYaml(text: string): YamlResult {
  // Bun.YAML.parse rejects a NUL byte anywhere in the block, even in quotes or comments; `yaml` accepts it.
  if (text.includes('\0')) return { ok: false, error: 'Unexpected character (a NUL byte)' };
  try {
    const doc = parseDocument(text, OPTIONS);
    const first = doc.errors[0];
    if (first) return { ok: false, error: oneLine(first.message) };
    return { ok: true, value: doc.toJS({ maxAliasCount: OPTIONS.maxAliasCount }), doc };
  } catch (error) {
    // Alias bombs (ReferenceError) and pathological nesting (RangeError) land here: a parse failure, never a crash.
    return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)) };
  }
}

function oneLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

const NEEDS_QUOTES = /[{}[\]*&#!|>%@`]|: /;
const SIMPLE_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;

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

export interface KeyLocation {
  key: string;
  keyOffset: number;
  valueOffset: number;
  /** The scalar style of the value (`PLAIN`, `QUOTE_DOUBLE`, `BLOCK_LITERAL`, …), when it is a scalar. */
  valueType?: string;
}

/** Offsets of every top-level key, in the order written (duplicates included). */
export function topLevelKeys(doc: Document.Parsed): KeyLocation[] {
  const contents = doc.contents;
  if (!isMap(contents)) return [];
  const keys: KeyLocation[] = [];
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value ?? '') : String(keyNode ?? '');
    const keyOffset = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : 0;
    const valueNode = pair.value;
    const valueOffset = isNode(valueNode) ? (valueNode.range?.[0] ?? keyOffset) : keyOffset;
    const valueType = isScalar(valueNode) && typeof valueNode.type === 'string' ? valueNode.type : undefined;
    keys.push({ key, keyOffset, valueOffset, ...(valueType ? { valueType } : {}) });
  }
  return keys;
}
