import { followsSibling, previousContentLine } from './lines.js';
import { PROPERTIES_LINE, propertiesAbove } from './properties.js';

// Which explicit key's `?` a line belongs to: the `?` on its own line, or alone on a line above it.

/**
 * An explicit key's `?` alone on the nearest line above `lineStart` with something on it (comments
 * aside), or with anchors and tags only (`? &a`, the key's), list entries' dashes before it (`- ?`) or,
 * where it opens its map, that map's anchors and tags (`&a ?`): the node on the lines below is that
 * key's (`?` / `  tools` / `: v`). Lines of anchors and tags only between are that node's (`?` / ` &a` /
 * `   k`; measured, fixtures *-properties-lines-under-question-*). Its indentation (dashes and the map's
 * properties included), as a match.
 */
export function questionAbove(text: string, lineStart: number): RegExpExecArray | null {
  let above = previousContentLine(text, lineStart);
  while (above && PROPERTIES_LINE.test(above.text)) above = previousContentLine(text, above.start);
  return above && /^[ \t]*(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*$/.test(above.text) ? questionLead(text, above.start, above.text) : null;
}

/**
 * The start of an explicit key's line (`line`, from `lineStart`) up to and past its `?`: the column of
 * the map it is an entry of (list dashes before it count, and anchors and tags before it where it opens
 * that map: the map's properties, `&a ? k`), as the match's first group. Null when the line does not
 * start so, or where such properties come after an entry of the map (Bun stops there).
 */
export function questionLead(text: string, lineStart: number, line: string): RegExpExecArray | null {
  const lead = QUESTION_LEAD.exec(line);
  if (!lead) return null;
  const column = (lead[1] ?? '').length;
  return lead[2] === '' || /-/.test(lead[1] ?? '') || !followsSibling(text, propertiesAbove(text, lineStart).start, column) ? lead : null;
}
const QUESTION_LEAD = /^( *(?:-[ \t]+)*)((?:[&!]\S*[ \t]+)*)\? */;
