import type { ExampleBlock, Position } from './types.js';

const TAG = /<\/?(example|commentary)>/g;
const FIELD = /^\s*(context|user|assistant)\s*:\s?(.*)$/i;

export interface ExamplesResult {
  examples: ExampleBlock[];
  unbalancedTags: { tag: string; line: number; column: number }[];
}

/**
 * Finds the `<example>` blocks of a description and splits each into context, user, assistant and
 * commentary. `description` must already have the client's literal `\n` → newline conversion applied.
 * `positionOf` gives the file position of an offset in it (description-lines.ts), where each block and
 * each unbalanced tag is said to be.
 */
export function parseExamples(description: string, positionOf: (offset: number) => Position): ExamplesResult {
  const examples: ExampleBlock[] = [];
  const unbalancedTags: ExamplesResult['unbalancedTags'] = [];
  const open: { tag: string; offset: number }[] = [];

  for (const match of description.matchAll(TAG)) {
    const tag = match[1] ?? '';
    const offset = match.index ?? 0;
    if (!match[0].startsWith('</')) {
      open.push({ tag, offset });
      continue;
    }
    const last = open.at(-1);
    if (!last || last.tag !== tag) {
      unbalancedTags.push({ tag: `</${tag}>`, ...positionOf(offset) });
      continue;
    }
    open.pop();
    if (tag === 'example') {
      const raw = description.slice(last.offset + '<example>'.length, offset);
      const { line, column } = positionOf(last.offset);
      examples.push({ raw, ...splitExample(raw), line, column });
    }
  }
  for (const left of open) unbalancedTags.push({ tag: `<${left.tag}>`, ...positionOf(left.offset) });
  return { examples, unbalancedTags };
}

type Parts = Pick<ExampleBlock, 'context' | 'user' | 'assistant' | 'commentary' | 'extra'>;
type Turn = 'context' | 'user' | 'assistant';

const TAG_ONLY = /^\s*<[^>]*>\s*$/;

/**
 * A label's line and the lines after it, up to the next label, are that part, except blank and
 * tag-only lines; a label seen before (a later turn) starts no part. Lines in no part are `extra`.
 */
function splitExample(raw: string): Parts {
  const parts: Parts = {};
  const commentary = /<commentary>([\s\S]*?)<\/commentary>/i.exec(raw);
  if (commentary) parts.commentary = (commentary[1] ?? '').trim();
  const rest = commentary ? raw.replace(commentary[0], '\n') : raw;

  let current: Turn | undefined;
  const buffers: Partial<Record<Turn, string[]>> = {};
  const extra: string[] = [];
  for (const text of rest.split('\n')) {
    if (text.trim() === '') continue;
    const field = FIELD.exec(text);
    if (field) {
      const part = (field[1] ?? '').toLowerCase() as Turn;
      // A second `assistant:` (a later turn) is not this example's answer: it is extra.
      if (buffers[part]) {
        current = undefined;
        extra.push(text);
        continue;
      }
      current = part;
      buffers[current] = [field[2] ?? ''];
    } else if (current && !TAG_ONLY.test(text)) buffers[current]?.push(text);
    else extra.push(text);
  }
  for (const key of ['context', 'user', 'assistant'] as const) {
    const lines = buffers[key];
    if (lines) parts[key] = unquote(lines.join('\n').trim(), key === 'context' ? ['"'] : ['"', "'"]);
  }
  if (extra.length > 0) parts.extra = extra.join('\n');
  return parts;
}

/**
 * A part without one pair of surrounding quotes, tried in order (a turn: double, then single, so `"'x'"`
 * keeps `'x'`; a context only loses double quotes).
 */
function unquote(text: string, quotes: string[]): string {
  if (text.length < 2) return text;
  for (const quote of quotes) if (text.startsWith(quote) && text.endsWith(quote)) return text.slice(1, -1);
  return text;
}
