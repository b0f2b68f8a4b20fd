import type { Document } from 'yaml';
import { yaml } from './yaml-engine.js';
import { splitLines } from './bare-key-lines.js';

// Nodes yaml drops without an error under an explicit key, where Bun stops: the first line whose
// content no node of yaml's document covers.

/**
 * Where yaml drops a node it cannot place under an explicit key (`? - a` then `  "q"`, `? k` then a
 * comment and `  [a, b]`): no error, the node is just missing from the result. Bun stops there
 * ("Unexpected token", measured; fixtures *-explicit-key-dropped-*). The offset of the first line whose
 * content no node covers, or undefined. (Lines of only indicators and properties are not looked at.)
 */
export function droppedContent(docs: Document.Parsed[], text: string): number | undefined {
  for (const [i, doc] of docs.entries()) {
    const at = droppedFrom(doc, text, docs[i + 1]?.range[0] ?? text.length);
    if (at !== undefined) return at;
  }
  return undefined;
}

/** droppedContent in one document, whose lines end where the next document starts (`last`). */
function droppedFrom(doc: Document.Parsed, text: string, last: number): number | undefined {
  const { visit, isScalar, isAlias, isCollection } = yaml();
  const ranges: [number, number][] = [];
  visit(doc, (_, node) => {
    if ((isScalar(node) || isAlias(node)) && node.range) ranges.push([node.range[0], node.range[1]]);
    else if (isCollection(node) && node.flow && node.range) {
      ranges.push([node.range[0], node.range[1]]);
      return visit.SKIP;
    }
    return undefined;
  });
  ranges.sort((a, b) => a[0] - b[0]);
  let r = 0;
  // (Only the lines of this document: those of the others are theirs.)
  const first = doc.range[0];
  for (const line of splitLines(text)) {
    if (line.start < first || line.start >= last) continue;
    if (line.blank || line.inScalar || INDICATORS_ONLY.test(line.content) || (line.indent === 0 && MARKER.test(line.content))) continue;
    const start = line.start + line.indent;
    const end = start + line.content.length;
    while (r < ranges.length && (ranges[r] as [number, number])[1] < start) r++;
    // Ranges are sorted by start; one that began on an earlier line may still reach into this one.
    let covered = false;
    for (let k = r; k < ranges.length && !covered; k++) {
      const [from, to] = ranges[k] as [number, number];
      if (from > end) break;
      covered = to >= start;
    }
    if (!covered) return start;
  }
  return undefined;
}

/** A directive, or a document start or end marker. */
const MARKER = /^(?:%|(?:---|\.\.\.)(?:[ \t]|$))/;
/** A line of list, key and value indicators, anchors and tags, and nothing else. */
const INDICATORS_ONLY = /^(?:(?:[-?:]|[&!]\S*)(?:[ \t]+|$))*$/;
