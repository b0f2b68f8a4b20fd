import { yaml } from './yaml-engine.js';
import type { KeyLocation, YamlResult } from './yaml.js';

/** Bun reads nesting about this deep (measured with the client: 4,500 levels read, 5,000 not). */
export const BUN_MAX_DEPTH = 4700;
/** What the client reports when Bun runs out of stack. */
export const STACK_OVERFLOW = 'Maximum call stack size exceeded.';

/**
 * A block map too deep for yaml's recursive composer, read one top-level entry at a time (entries start
 * at column 1). An entry that is itself too deep is checked by yaml's iterative syntax parser only and
 * read as null: the client's checks look at `name`, `description` and `hooks`, which are never the deep
 * ones in practice. Undefined when the text is no such map (the caller reports the overflow).
 */
export function byEntries(text: string, parse: (text: string) => YamlResult): YamlResult | undefined {
  const starts = [...text.matchAll(/^[^\s#-]/gm)].map((match) => match.index);
  if (starts.length < 2 || ((starts[0] ?? 0) > 0 && text.slice(0, starts[0]).trim() !== '')) return undefined;
  const value: Record<string, unknown> = {};
  const keys: KeyLocation[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] ?? 0;
    const entry = text.slice(start, starts[k + 1] ?? text.length);
    const read = parse(entry);
    if (read.ok) {
      if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) return undefined;
      Object.assign(value, read.value);
      keys.push(...read.keys.map((key) => ({ ...key, keyOffset: key.keyOffset + start, valueOffset: key.valueOffset + start })));
      continue;
    }
    const key = /^([^:\n]+):(?:[ \t]|$)/m.exec(entry)?.[1];
    const depth = read.error === STACK_OVERFLOW ? syntaxDepth(entry) : undefined;
    if (!key || depth === undefined) return read.at === undefined ? read : { ...read, at: read.at + start };
    if (depth > BUN_MAX_DEPTH) return { ok: false, error: STACK_OVERFLOW, detail: 'nested deeper than Bun reads' };
    value[key] = null;
    keys.push({ key, keyOffset: start, valueOffset: start + key.length + 1 });
  }
  return { ok: true, value, keys };
}

/** An upper bound of the flow nesting (brackets and braces, quotes not considered): a cheap first look. */
export function bracketDepth(text: string): number {
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
export function syntaxDepth(entry: string): number | undefined {
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
