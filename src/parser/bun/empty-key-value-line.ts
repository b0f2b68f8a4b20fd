import { emptyQuestions } from './empty-questions.js';
import { holdsPair, indentOf } from './lines.js';

/**
 * An explicit key with no node, or anchors and tags only (`?`, `? &a`, or `?` then `  !t`), then its
 * `:` further right than the `?` with no value on its line, then a line no further right than that `:`
 * (but right of the `?`): Bun reads the `:` as a map of its own (the key's node), whose entry's value
 * must be further right, and stops at that line ("Unexpected token"; yaml reads the line as the value.
 * Measured; fixtures *-empty-key-value-line-*). A line at that `:`'s column that is an entry of that map
 * (`k: v`, `: v`, `? k`) or a list (the entry's value) Bun reads on (fixtures *-empty-key-value-entry-*).
 * Its offset, or undefined.
 */
export function emptyKeyValueLine(text: string): number | undefined {
  const lines = text.split('\n');
  for (const question of emptyQuestions(lines)) {
    const { column } = question;
    let { k, at } = question;
    const skip = (): void => {
      while (k < lines.length && /^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '')) at += (lines[k++] ?? '').length + 1;
    };
    const colon = /^( *):(?:[ \t]+[&!]\S*)*[ \t]*(?:#.*)?\r?$/.exec(lines[k] ?? '');
    const colonColumn = colon?.[1]?.length ?? -1;
    if (!colon || colonColumn <= column) continue;
    at += (lines[k++] ?? '').length + 1;
    skip();
    const next = lines[k];
    if (next === undefined || /^[ \t]*\t/.test(next)) continue;
    const indent = indentOf(next);
    // (At that `:`'s column, an entry of that map, `k: v`, `: v`, `? k`, or a list, its value, reads on.)
    if (indent > column && (indent < colonColumn || (indent === colonColumn && !holdsPair(next) && !/^[ \t]*[?-](?:[ \t]|\r?$)/.test(next)))) return at;
  }
  return undefined;
}
