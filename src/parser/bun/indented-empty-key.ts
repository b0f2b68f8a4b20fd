import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { propertiesStart } from './lines.js';
import { PROPERTIES_LINE, propertiesAbove } from './properties.js';
import { questionAbove } from './question-above.js';

/**
 * An empty key (`: v` alone on its line) indented deeper than the keys of its map (`a: b` then
 * `  : v`): yaml reads another pair, Bun stops ("Unexpected token", measured; fixtures
 * *-colon-later-line-*). At the map's own indentation both read a null key. An explicit key whose
 * node is anchors or tags alone on the lines under its `?` (`?` / `  &a` / ` :`) stands at its `?`,
 * and that `:` is its value's (fixtures *-properties-under-question-colon-*); an empty key with anchors
 * or tags before its `:` (`&c : w`) stands where they start (fixtures *-anchored-empty-key-*). The offset of the first
 * such `:`, or undefined.
 */
export function indentedEmptyKey(doc: Document.Parsed, text: string): { at: number; wording: string } | undefined {
  const { visit, isMap, isNode, isScalar, isSeq } = yaml();
  let found: { at: number; wording: string } | undefined;
  visit(doc, {
    Map(_, map) {
      if (map.flow) return visit.SKIP;
      let column: number | undefined;
      let previousValueStart: number | undefined;
      let previousKeyEnd = 0;
      let previousExplicit = false;
      /** The column of the `:` lines under an explicit key of properties only (`? &a` / `   : x`): Bun's map there. */
      let propertiesMap: number | undefined;
      for (const pair of map.items) {
        const key = pair.key;
        if (!isNode(key) || !key.range) return undefined;
        // (yaml's range of a map used as a key may start after its first key.)
        const inner = isMap(key) ? key.items[0]?.key : undefined;
        let start = Math.min(key.range[0], isNode(inner) ? (inner.range?.[0] ?? Infinity) : Infinity);
        // An explicit key (`? k`, `? &a k`, `?` alone, the `?` first on its line or after a list entry's
        // dashes, `- ? k`: fixtures *-list-question-*-empty-key-*) stands at its `?`.
        const keyLine = text.lastIndexOf('\n', start - 1) + 1;
        // (A tag on it, `!u : w`, may make it an empty string to yaml; fixtures *-tag-then-tagged-empty-key-*.)
        const nothing = isScalar(key) && (key.value === null || key.value === '') && key.range[0] === key.range[1];
        // (Or alone on the line above the key's node: `?` / `  k` / `: v`.)
        // (Or an explicit key of properties only on lines of their own under it: `?` / `  &a` / ` :`.)
        const lead = text.slice(keyLine, start);
        const under = nothing && PROPERTIES_LINE.test(lead) ? questionAbove(text, propertiesAbove(text, keyLine).start) : null;
        const question = /^( *(?:-[ \t]+)*)\?(?:[ \t]+(?:[&!]\S*(?:[ \t]+|$))*)?$/.exec(lead) ?? under ?? (!nothing && /^[ \t]*$/.test(lead) ? questionAbove(text, keyLine) : null);
        const empty = !question && nothing;
        if (empty) {
          const gap = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*:/.exec(text.slice(start, start + 4096));
          if (!gap) return undefined;
          start += gap[0].length - 1;
        }
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        // Other `?`s: no opinion.
        if (!question && /\?/.test(text.slice(lineStart, start))) return undefined;
        // (An empty key with anchors or tags before its `:`, `&c : w`, stands where they start.)
        const properties = empty ? /^([ \t]*)(?:[&!]\S*[ \t]+)+$/.exec(text.slice(lineStart, start)) : null;
        const at = question ? (question[1] ?? '').length : properties ? (properties[1] ?? '').length : start - lineStart;
        if (empty && at === propertiesMap) continue;
        propertiesMap = question && isScalar(key) && key.range[0] === key.range[1] && (under !== null || /[&!]/.test(question[0])) ? colonColumnBelow(text, pair.value, (question[1] ?? '').length) : undefined;
        if (column === undefined) column = at;
        else if (empty && at > column && (found === undefined || start < found.at)) {
          // After `key:` alone on its line, Bun takes the value's first line for a key going on over lines
          // (unless the `:` is left of it); so it does after an explicit key's value (`? k` / `: v`).
          const ownLine = previousValueStart !== undefined && (previousExplicit || text.slice(previousKeyEnd, previousValueStart).includes('\n'));
          const valueColumn = previousValueStart === undefined ? 0 : previousValueStart - (text.lastIndexOf('\n', previousValueStart - 1) + 1);
          found = { at: start, wording: ownLine && at >= valueColumn ? 'Multiline implicit key' : 'Unexpected token' };
        }
        previousKeyEnd = key.range[1];
        // (A block list's entries: Bun measures the `:` against the text of the last one, `- a` / `  : v`.)
        let value = pair.value;
        while (isSeq(value) && !value.flow && isNode(value.items[value.items.length - 1])) value = value.items[value.items.length - 1];
        // (Its anchors and tags, `: !t v`, are where it starts.)
        previousValueStart = isNode(value) && value.range ? propertiesStart(text, value.range[0]) : undefined;
        previousExplicit = Boolean(question);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * For an explicit key of properties only (`? &a`), the column of its value's `:` when that starts a line
 * further right than the `?` (at `indent`): Bun reads a map there, the node of the properties.
 */
function colonColumnBelow(text: string, value: unknown, indent: number): number | undefined {
  const { isNode } = yaml();
  const valueStart = isNode(value) ? value.range?.[0] : undefined;
  if (valueStart === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const colon = /^( *):(?=[ \t])/.exec(text.slice(lineStart, valueStart));
  return colon && (colon[1] ?? '').length > indent ? (colon[1] ?? '').length : undefined;
}
