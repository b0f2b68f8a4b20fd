import { holdsPair } from './bun/index.js';
import type { Rewrite } from './bun/edit-text.js';
import { PLAIN_START } from './bare-key-lines.js';

/**
 * The first entry of the document's map with its value on the next line, led by tabs only
 * (`name:` / `<tab>g`), then an explicit key (`?` at column 1): Bun counts no indentation in tabs
 * there (the map's first value is read outside any block, where a tab may lead a line), so `g` stands
 * at the map's column, where a key goes: the entry's value is null and `g` a bare key (measured;
 * fixtures *-tabbed-first-value-*). yaml reads `g` as the value. The text with the tabs made `? `, as
 * bareKeys returns it; undefined elsewhere. (Later entries are read inside the map, where Bun refuses
 * such a tab, and the client's retry makes the tabs spaces.)
 */
export function tabbedFirstValue(text: string): Rewrite | undefined {
  if (!text.includes('\n\t')) return undefined;
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const content = (k: number): number => {
    while (k < lines.length && /^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '')) k++;
    return k;
  };
  let k = content(0);
  const first = lines[k] ?? '';
  if (/^\?(?:[ \t]|$)/.test(first)) {
    // `? name` (its node on that line), then `:` with nothing after it.
    k = content(k + 1);
    if (!/^:[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '')) return undefined;
  } else if (!/^[^\s#?:\-[{"'|>&!*%@`][^#]*?:[ \t]*(?:#.*)?\r?$/.test(first) || !holdsPair(first)) return undefined;
  // The value's line right after it (blank lines between), led by tabs, then a `?` line.
  const value = k + 1 + (lines.slice(k + 1).findIndex((line) => !/^[ \t]*\r?$/.test(line)) + 1 || lines.length) - 1;
  const tabs = /^\t+(?=[^\s#])/.exec(lines[value] ?? '')?.[0].length;
  // Only a plain scalar (going on over lines further right or not): a pair there (`<tab>g: 1`), a
  // quoted or flow node, is the entry's value, as yaml reads it (measured).
  const node = (lines[value] ?? '').slice(tabs ?? 0);
  if (tabs === undefined || holdsPair(node) || !PLAIN_START.test(node)) return undefined;
  let after = content(value + 1);
  while (after < lines.length && /^[ \t]+\S/.test(lines[after] ?? '') && !holdsPair(lines[after] ?? '')) after = content(after + 1);
  if (!/^\?(?:[ \t]|$)/.test(lines[after] ?? '')) return undefined;
  let at = 0;
  for (let line = 0; line < value; line++) at = text.indexOf('\n', at) + 1;
  return {
    text: `${text.slice(0, at)}? ${text.slice(at + tabs)}`,
    back: (offset) => (offset < at ? offset : offset < at + 2 ? at : offset - 2 + tabs),
  };
}
