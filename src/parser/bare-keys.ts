import { PROPERTIES_LINE, holdsPair, repeatEndsEarly } from './bun/index.js';
import { leadingSpaces } from './bun/lines.js';
import { editText, offsetBack, type Edit, type Rewrite } from './bun/edit-text.js';
import type { Line } from './bare-key-lines.js';
import { isEntry, mapKeyOwner, nextContent, PLAIN_START, splitLines } from './bare-key-lines.js';
import { listAfterExplicitKey, repeatedProperty, scalarLeftOfCollection } from './bare-key-wording.js';
import { explicitKeyWording } from './explicit-key-wording.js';
import { tabbedFirstValue } from './tabbed-first-value.js';

// Bare keys (a node at a block map's indentation read as a key, when a `?` follows at that
// indentation): finding them, Bun's verdict on them, and the rewrite that lets yaml read the same map.

/**
 * Bare keys: Bun reads any node at a block map's indentation as a key, not only `key:` lines. A line
 * such as `foo`, `- a`, `[a, b]` or `"q"` after an entry of the map is a key as long as an explicit key
 * (`?`) opens on a later line at that indentation; the bare key's value is null (measured with the
 * client: fixtures *-bare-key-*). Without that `?` Bun stops there ("Unexpected token"), as yaml does
 * on every bare key. yaml reads the same map once each bare key is made an explicit one (`? foo`).
 *
 * An anchor or tag alone on its line goes with the node under it, at the same indentation or deeper;
 * followed by an explicit key instead, Bun stops, as it does on a list after an explicit key (`? k`
 * then `- a`) with no `?` after the list (yaml reads both).
 *
 * Returns the text so rewritten, with a map from its offsets back to those of `text`; or the wording of
 * Bun's error and the line where it stops (before any rewrite); or undefined when there is no bare key.
 */
export function bareKeys(text: string): Rewrite | { fail: string; at: number } | undefined {
  const tabbed = tabbedFirstValue(text);
  if (tabbed) return tabbed;
  const lines = splitLines(text);
  const edits: Edit[] = [];
  // Each line is looked at a bounded number of times (the lines of a node are read again for the next candidate).
  let budget = 8 * lines.length + 64;
  /** Bun's wording for a bare key found earlier with no `?` after it, where it stops. */
  let earlier: string | undefined;
  /** Where Bun stops first, when it does, for a caller that knows of problems earlier in the text. */
  let firstStop: number | undefined;
  /** The offset a failure at `line` reports: the first place Bun stops, or the first rewrite, if earlier. */
  const stopAt = (line: Line): number => Math.min(edits[0]?.at ?? Infinity, firstStop ?? line.start);
  for (let i = 0; i < lines.length && budget > 0; i++) {
    const line = lines[i] as Line;
    if (line.blank || line.tabbed || line.inScalar) continue;
    let sequence = isEntry(line.content);
    if (!sequence && (holdsPair(line.content) || !BARE_START.test(line.content))) continue;
    const owner = mapKeyOwner(lines, i, sequence);
    if (!owner) continue;
    // The node: the lines right of it (and, for a list, the entries under it), then a `?` at its indentation.
    let next = i + 1;
    // An explicit key's `?` under an anchor or tag alone is no key of the map: its node is (Bun stops
    // unless another `?` follows, as for any bare key). Where that `?` is (the properties are blanked).
    let blanked: number | undefined;
    /** Lines of more properties under the first (`&a` / `!t`): the same node's, at any indentation. */
    const more: number[] = [];
    if (PROPERTIES_LINE.test(line.content)) {
      next = nextContent(lines, i);
      while (next < lines.length && !(lines[next] as Line).tabbed && PROPERTIES_LINE.test((lines[next] as Line).content)) {
        more.push(next);
        next = nextContent(lines, next);
      }
      const node = lines[next];
      // Two anchors (or tags) on separate lines: Bun stops once it has read the node, unless the node
      // ends its reading early (a `?` at the map's indentation; for tags, a pair further right).
      const twice = more.length > 0 ? repeatedProperty([line, ...more.map((k) => lines[k] as Line)]) : undefined;
      if (node && !node.tabbed && node.indent === line.indent) {
        if (EXPLICIT_KEY.test(node.content)) {
          blanked = node.start + node.indent;
          sequence = node.content.trim() === '?';
        } else {
          if (twice) {
            earlier ??= twice;
            firstStop ??= line.start;
            continue;
          }
          sequence = isEntry(node.content);
          if (!sequence && (holdsPair(node.content) || !BARE_START.test(node.content))) continue;
        }
        next++;
      } else {
        // (Two tags before a pair further right are no repeat to Bun: that pair opens a map, the node.)
        if (twice && !(node && !node.tabbed && repeatEndsEarly(twice === 'Multiple tags' ? 'MULTIPLE_TAGS' : 'MULTIPLE_ANCHORS', line.indent, ' '.repeat(node.indent) + node.content))) {
          // (yaml stops there too: bunMessage words it as Bun does.)
          earlier ??= twice;
          firstStop ??= line.start;
          continue;
        }
        next = more.length > 0 ? (more[more.length - 1] as number) + 1 : i + 1;
      }
    }
    // A plain scalar goes on over lines further right, but not past a comment nor onto a pair.
    const plain = blanked === undefined && PLAIN_START.test(line.content);
    let commented = line.comment;
    let broken = false;
    for (; next < lines.length; next++, budget--) {
      const after = lines[next] as Line;
      if (after.blank || after.inScalar) {
        commented ||= after.comment;
        continue;
      }
      // (A plain scalar's later line may have a tab after spaces further right: fixtures *-bare-key-tabbed-line-*.)
      if (after.tabbed && !(plain && leadingSpaces(text, after.start) > line.indent)) break;
      if (after.indent > line.indent || (sequence && after.indent === line.indent && isEntry(after.content))) {
        if (plain && (commented || holdsPair(after.content))) broken = true;
        commented ||= after.comment;
        continue;
      }
      break;
    }
    const closer = lines[next];
    // A scalar over several lines after an entry whose value was a nested list or map: Bun measures its
    // lines against that collection's indentation, and stops unless they are further right (measured).
    const short = scalarLeftOfCollection(lines, owner, i, next);
    if (short) return { fail: earlier ?? short, at: stopAt(line) };
    // (The `?` that follows may belong to a map further left: Bun reads on into it.)
    if (broken || !closer || closer.tabbed || closer.indent > line.indent || !EXPLICIT_KEY.test(closer.content)) {
      const wording = closer?.indent === line.indent && /^:(?:[ \t]|$)/.test(closer.content) ? 'Multiline implicit key' : 'Unexpected token';
      // (Under properties alone, Bun's words: yaml may read that line otherwise, or word it otherwise.)
      if (PROPERTIES_LINE.test(line.content)) return { fail: earlier ?? (blanked === undefined ? wording : (explicitKeyWording(lines, i, next) ?? wording)), at: stopAt(line) };
      if (sequence && /^\?(?:[ \t]|$)/.test(owner.content)) return { fail: earlier ?? listAfterExplicitKey(lines, i, next), at: stopAt(line) };
      // Bun stops here (yaml does too, in its own words): a later problem is never the one it reports.
      earlier ??= wording;
      firstStop ??= line.start;
      continue;
    }
    if (blanked !== undefined) {
      // (A `:` further right under the explicit key's node: Bun reads it as the value of a key that began
      // on the properties' line, a key going on over lines. Under a `?` with no node, or properties only,
      // the `:` lines are the node: a map.)
      const question = lines[nextContent(lines, more[more.length - 1] ?? i)] as Line;
      const content = question.content.replace(/^\?[ \t]*/, '');
      if (content !== '' && !PROPERTIES_LINE.test(content)) for (let k = i + 1; k < next; k++) {
        const inner = lines[k] as Line;
        if (!inner.inScalar && inner.indent > line.indent && /^:(?:[ \t]|$)/.test(inner.content)) return { fail: earlier ?? 'Multiline implicit key', at: stopAt(line) };
      }
      // Bun drops the properties of an explicit key read this way (they may clash with the key's own):
      // yaml reads the explicit key as it stands, the properties blanked.
      for (const k of [i, ...more]) {
        const props = lines[k] as Line;
        edits.push({ at: props.start + props.indent, remove: props.content.length, insert: ' '.repeat(props.content.length) });
      }
      continue;
    }
    edits.push({ at: line.start + line.indent, remove: 0, insert: '? ' });
    for (let k = i + 1; k < next; k++) {
      const inner = lines[k] as Line;
      // (A line of blanks and a tab inside it moves too: yaml reads it as an empty line of the key only so.)
      if (!inner.blank || inner.tabbed) edits.push({ at: inner.start, remove: 0, insert: '  ' });
      // (yaml takes the properties of one line only: the others are blanked.)
      if (more.includes(k)) edits.push({ at: inner.start + inner.indent, remove: inner.content.length, insert: ' '.repeat(inner.content.length) });
    }
    // (The lines of the node are looked at next: a map in it may hold bare keys of its own.)
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at);
  const starts: number[] = [];
  return { text: editText(text, edits, starts), back: (offset) => offsetBack(edits, starts, offset) };
}

/**
 * A line whose node could be a bare key: not a comment, an explicit key or value, a directive or a
 * document marker, nor a quoted key with its `:` right after it (`"k":#c`: Bun's key, whose value it
 * refuses; fixtures *-quoted-key-glued-colon-*). (White space beyond tab and space, a no-break space, is
 * text to YAML: a line of it is a node.)
 */
const BARE_START = /^(?![#%]|[?:](?:[ \t]|$)|---(?:[ \t]|$)|\.\.\.(?:[ \t]|$)|(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'):)[^ \t\r\n]/;
const EXPLICIT_KEY = /^\?(?:[ \t]|$)/;
