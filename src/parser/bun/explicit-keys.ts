import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { previousContentLine } from './lines.js';
import { questionAbove, questionLead } from './question-above.js';

// Explicit keys (`? k`) as Bun reads them: where their `:` may stand, empty values and empty keys after
// them, and the lines of a map used as such a key. (The `?` line a key's node belongs to:
// question-above.ts; a `?` with no node, then a `:` line: empty-key-value-line.ts, colon-map-keys.ts.)

/**
 * An explicit key (`? x`) whose value indicator (`:`) sits further right than the `?`: yaml reads the
 * value, Bun stops ("Unexpected token", measured; fixtures *-explicit-key-*). Where the document has
 * one, the offset of its `:` (the first found).
 */
export function indentedExplicitValue(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isCollection, isNode, isMap, isPair, isScalar } = yaml();
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair, path) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      // (A map as the key, `? c:`, its own entries, or no key at all, `?`: Bun reads the `:` further right too.)
      // (A map on the lines under a `?` alone is a key like any other: `?` / `  c: x` / ` : v` stops Bun.)
      const holder = path[path.length - 2];
      if (start === undefined || (isScalar(pair.key) && pair.key.value === null)) return undefined;
      // (In a flow collection Bun reads the `:` wherever it stands: fixtures *-flow-explicit-key-*.)
      const parent = path[path.length - 1];
      if (isCollection(parent) && parent.flow) return undefined;
      // (Properties alone, `? !t` or on a line of their own under the `?`, then a `:` further right: Bun
      // reads a map there, the properties' node; see emptyKeyValueLine.)
      if (isScalar(pair.key) && pair.key.range?.[0] === pair.key.range?.[1] && /^[ \t]*(?:(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?[ \t]+)?[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return undefined;
      if (isPair(holder) && holder.key === path[path.length - 1]) return undefined;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let question: RegExpExecArray | null;
      if (isMap(pair.key)) {
        // (yaml's range of such a map may start after its first key, or at a `?` of its own.)
        const first = pair.key.items[0]?.key;
        const mapStart = Math.min(start, isNode(first) ? (first.range?.[0] ?? Infinity) : Infinity);
        const mapLine = text.lastIndexOf('\n', mapStart - 1) + 1;
        question = /^[ \t]*(?:\?[ \t]+)*$/.test(text.slice(mapLine, mapStart)) ? questionAbove(text, mapLine) : null;
      } else question = questionLead(text, lineStart, text.slice(lineStart, start)) ?? questionAbove(text, lineStart);
      if (!question) return undefined;
      // The first line after the key with something on it (comments aside): its `:`, further right?
      const keyEnd = isNode(pair.key) ? (pair.key.range?.[1] ?? start) : start;
      // (yaml's range of a map key may end in the blanks that lead the next line.)
      const endLine = text.lastIndexOf('\n', keyEnd - 1) + 1;
      const from = endLine > start && /^[ \t]*$/.test(text.slice(endLine, keyEnd)) ? endLine : text.indexOf('\n', keyEnd - 1) + 1;
      for (let at = from; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
        const end = text.indexOf('\n', at);
        const line = text.slice(at, end < 0 ? text.length : end);
        if (/^\s*(#.*)?$/.test(line)) continue;
        const colon = /^( *):(?=[ \t]|\r?$)/.exec(line);
        if (colon && (colon[1] ?? '').length > (question[1] ?? '').length) found = at + (colon[1] ?? '').length;
        break;
      }
      return found === undefined ? undefined : visit.BREAK;
    },
  });
  return found;
}

/**
 * An explicit key's value indicator alone on its line (`? k` / `:`), then a line at the same column that
 * starts with an empty key (`: v`): Bun reads an empty value, then a pair of the same map with an empty
 * key; yaml reads that line and the ones after it at that column as a map, the value (measured;
 * fixtures *-empty-explicit-value-*; anchors or tags after that `:`, `: !t`, change nothing: fixtures
 * *-empty-explicit-value-properties-*). The pairs are moved up into the map, after the empty value.
 */
export function emptyExplicitValues(doc: Document.Parsed, text: string): void {
  const { visit, isMap, isScalar, Scalar } = yaml();
  visit(doc, {
    Map(_, map) {
      if (map.flow) return undefined;
      for (let i = 0; i < map.items.length; i++) {
        const pair = map.items[i];
        const value = pair?.value;
        if (!isMap(value) || value.flow || !value.range) continue;
        const first = value.items[0]?.key;
        if (!isScalar(first) || first.value !== null || !first.range || first.range[0] !== first.range[1] || first.range[0] !== value.range[0]) continue;
        const at = value.range[0];
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (text.charAt(at) !== ':' || !/^ *$/.test(text.slice(lineStart, at))) continue;
        const above = previousContentLine(text, lineStart);
        if (!above || !new RegExp(`^ {${at - lineStart}}:(?:[ \\t]+[&!]\\S*)*[ \\t]*(?:#.*)?\\r?$`).test(above.text)) continue;
        if (pair) pair.value = new Scalar(null);
        map.items.splice(i + 1, 0, ...value.items);
      }
      return undefined;
    },
  });
}

/**
 * An explicit key that is a map on its `?` line (`? x: b`), then a line further right than the `?` but
 * not as far right as the map's keys (`? x: b` / ` c` / `: v`): Bun ends the map's value and the map
 * before that line, and stops at it ("Unexpected token"); yaml drops the line or reads it into the
 * value (measured; fixtures *-explicit-map-key-lines-*). The offset of the first such line, or undefined.
 */
export function explicitMapKeyContinuation(docs: Document.Parsed[], text: string): number | undefined {
  const { visit, isMap, isNode } = yaml();
  let found: number | undefined;
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key;
        if (!isMap(key) || key.flow || !key.range) return undefined;
        // (yaml's range of such a map may start after its first key.)
        const first = key.items[0]?.key;
        const keyStart = Math.min(key.range[0], isNode(first) ? (first.range?.[0] ?? Infinity) : Infinity);
        const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        const question = /^( *)\?[ \t]+$/.exec(text.slice(lineStart, keyStart));
        if (!question) return undefined;
        const column = keyStart - lineStart;
        // The first line after the key with something on it (comments aside). (yaml's range of such a
        // map may end in the blanks that lead the next line.)
        const endLine = text.lastIndexOf('\n', key.range[1] - 1);
        const from = endLine + 1 > keyStart && /^[ \t]*$/.test(text.slice(endLine + 1, key.range[1])) ? endLine : text.indexOf('\n', Math.max(key.range[1] - 1, key.range[0]));
        for (let at = from; at >= 0 && at < text.length; at = text.indexOf('\n', at + 1)) {
          const end = text.indexOf('\n', at + 1);
          const line = text.slice(at + 1, end < 0 ? text.length : end);
          if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
          // (Bun counts the spaces that lead a line; a tab ends its indentation.)
          const spaces = /^ */.exec(line)?.[0].length ?? 0;
          if (spaces > (question[1] ?? '').length && spaces < column && (found === undefined || at + 1 < found)) found = at + 1;
          break;
        }
        return undefined;
      },
    });
  }
  return found;
}
