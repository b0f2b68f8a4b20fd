import type { Document } from 'yaml';
import { BLOCK_HEADER, PROPERTIES_LINE, holdsPair, quotedRun, repeatEndsEarly } from './bun/index.js';
import { yaml } from './yaml-engine.js';

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
export function bareKeys(text: string): { text: string; back: (offset: number) => number } | { fail: string; at: number } | undefined {
  const tabbed = tabbedFirstValue(text);
  if (tabbed) return tabbed;
  const lines = splitLines(text);
  const edits: { at: number; remove: number; insert: string }[] = [];
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
      if (after.tabbed) break;
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
      if (PROPERTIES_LINE.test(line.content)) return { fail: earlier ?? wording, at: stopAt(line) };
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
      if (!inner.blank) edits.push({ at: inner.start, remove: 0, insert: '  ' });
      // (yaml takes the properties of one line only: the others are blanked.)
      if (more.includes(k)) edits.push({ at: inner.start + inner.indent, remove: inner.content.length, insert: ' '.repeat(inner.content.length) });
    }
    // (The lines of the node are looked at next: a map in it may hold bare keys of its own.)
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const { at, remove, insert } of edits) {
    out += text.slice(from, at) + insert;
    from = at + remove;
  }
  out += text.slice(from);
  // Where each edit starts in the new text: an offset maps back past the characters added before it.
  const starts: number[] = [];
  let shift = 0;
  for (const { at, remove, insert } of edits) {
    starts.push(at + shift);
    shift += insert.length - remove;
  }
  return {
    text: out,
    back(offset) {
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((starts[middle] as number) <= offset) low = middle + 1;
        else high = middle;
      }
      if (low === 0) return offset;
      const last = edits[low - 1] as { at: number; remove: number; insert: string };
      const inside = offset - (starts[low - 1] as number);
      // Inside an edit: the offset it was made at. Past it: the edits so far made up.
      return inside < last.insert.length ? last.at + Math.min(inside, last.remove) : last.at + last.remove + inside - last.insert.length;
    },
  };
}

/**
 * The first entry of the document's map with its value on the next line, led by tabs only
 * (`name:` / `<tab>g`), then an explicit key (`?` at column 1): Bun counts no indentation in tabs
 * there (the map's first value is read outside any block, where a tab may lead a line), so `g` stands
 * at the map's column, where a key goes: the entry's value is null and `g` a bare key (measured;
 * fixtures *-tabbed-first-value-*). yaml reads `g` as the value. The text with the tabs made `? `, as
 * bareKeys returns it; undefined elsewhere. (Later entries are read inside the map, where Bun refuses
 * such a tab, and the client's retry makes the tabs spaces.)
 */
function tabbedFirstValue(text: string): { text: string; back: (offset: number) => number } | undefined {
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

interface Line {
  start: number;
  indent: number;
  /** The line after its indentation, without a trailing carriage return or comment. */
  content: string;
  /** Nothing but blanks and a comment. */
  blank: boolean;
  /** A tab among the blanks that lead the line. */
  tabbed: boolean;
  /** A comment ends the line. */
  comment: boolean;
  /** The line is inside a block scalar or a quoted scalar opened on a line above. */
  inScalar: boolean;
}

/**
 * A line whose node could be a bare key: not a comment, an explicit key or value, a directive or a
 * document marker. (White space beyond tab and space, a no-break space, is text to YAML: a line of it is a node.)
 */
const BARE_START = /^(?![#%]|[?:](?:[ \t]|$)|---(?:[ \t]|$)|\.\.\.(?:[ \t]|$))[^ \t\r\n]/;
const EXPLICIT_KEY = /^\?(?:[ \t]|$)/;
const isEntry = (content: string): boolean => /^-(?:[ \t]|$)/.test(content);
/** A plain scalar's first character (not an indicator). */
const PLAIN_START = /^(?![-?:,[\]{}#&*!|>'"%@`])[^ \t\r\n]|^[-?:](?=[^ \t\r\n])/;
/** A pair or explicit entry line whose value is still to come (nothing, an anchor or a tag after its indicator). */
const OPEN_VALUE = /(?:^[?:]|:)(?:[ \t]+(?:[&!]\S*))*[ \t]*$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = raw.slice(lead.length).replace(/(?:^|[ \t]+)#.*$/, '');
    const comment = content.length < raw.length - lead.length && raw.trimEnd().length > lead.length + content.length;
    lines.push({ start, indent: lead.length, content, blank: content === '', tabbed: lead.includes('\t'), comment, inScalar: false });
    if (newline < 0) break;
    start = newline + 1;
  }
  // The lines of block scalars (further right than their header's line) and of quoted scalars left open.
  let documentStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.blank || line.inScalar) continue;
    const first = documentStart;
    documentStart = line.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(line.content);
    const header = BLOCK_HEADER.exec(line.content.trimEnd());
    if (header && first && /^[|>]/.test(line.content)) {
      // A block scalar that is the whole document: its text may start at column 1, up to the next marker.
      for (let k = i + 1; k < lines.length && !(lines[k]?.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(lines[k]?.content ?? '')); k++) (lines[k] as Line).inScalar = true;
    } else if (header) {
      // Its lines: as far right as the first (or as its indentation indicator says), blank lines among them.
      const indicator = /[1-9]/.exec(header[0])?.[0];
      let indent = indicator === undefined ? undefined : line.indent + Number(indicator);
      for (let k = i + 1; k < lines.length; k++) {
        const inner = lines[k] as Line;
        const empty = /^[ \t]*\r?$/.test(text.slice(inner.start, (lines[k + 1]?.start ?? text.length + 1) - 1));
        if (!empty) {
          indent ??= inner.indent > line.indent ? inner.indent : Infinity;
          if (inner.indent < indent) break;
        }
        inner.inScalar = true;
      }
    } else {
      const unclosed = scanLine(line.content).unclosed;
      if (unclosed === undefined) continue;
      // (No indentation ends it here: only its closing quote.)
      const run = quotedRun(text, line.start + line.indent + unclosed, -1);
      const end = 'end' in run ? run.end : text.length;
      for (let k = i + 1; k < lines.length && (lines[k] as Line).start <= end; k++) (lines[k] as Line).inScalar = true;
    }
  }
  return lines;
}


/**
 * For a bare key on line `i` that is a scalar going on over lines (a block scalar's text, a plain or
 * quoted scalar's later lines, up to line `next`), after the entry on `owner`: Bun's wording when that
 * entry's value is a list or map (on lines further right, or inline after its `? `) whose indentation
 * those lines do not pass; else undefined.
 */
function scalarLeftOfCollection(lines: Line[], owner: Line, i: number, next: number): string | undefined {
  const line = lines[i] as Line;
  const block = /^[|>]/.test(line.content);
  const quoted = /^["']/.test(line.content);
  if (!block && !quoted && !PLAIN_START.test(line.content)) return undefined;
  let j = i - 1;
  while (j > 0 && lines[j] !== owner) j--;
  let nested: Line | undefined;
  for (let k = j + 1; k < i && !nested; k++) {
    const between = lines[k] as Line;
    if (!between.blank && !between.inScalar) nested = between;
  }
  let collection: number | undefined;
  if (nested && nested.indent > line.indent && (isEntry(nested.content) || holdsPair(nested.content) || /^[?:](?:[ \t]|$)/.test(nested.content))) collection = nested.indent;
  else {
    // A list or map may also open on the entry's own line, after its `? `.
    const inline = /^\?[ \t]+(?=-[ \t]|[^\s#'"[{][^#]*?:(?:[ \t]|$))/.exec(owner.content)?.[0].length;
    if (inline === undefined) return undefined;
    collection = owner.indent + inline;
  }
  // How far right the scalar's later lines are: a block's indentation (its indicator, or its first line).
  const digit = block ? /^[|>][-+]?([1-9])/.exec(line.content)?.[1] : undefined;
  let indent = digit === undefined ? undefined : line.indent + Number(digit);
  for (let k = i + 1; k < (block ? lines.length : next) && (indent === undefined || !block); k++) {
    const inner = lines[k] as Line;
    // (A quoted scalar's later lines are those inside its quotes; a plain one's, every line further right.)
    if (quoted ? inner.inScalar && inner.content !== '' : !inner.blank) indent = Math.min(indent ?? Infinity, inner.indent);
  }
  if (indent === undefined || indent > collection) return undefined;
  return quoted ? 'Unexpected character' : 'Unexpected token';
}

/**
 * Bun's wording where it stops at a list right after an explicit key (`? k` then `- a` at its column,
 * line `i`; `next`, the first line after the list): Bun takes the list's nodes for a key, so a value
 * indicator (`:`) that comes after a node that ended on a line above (`- [a]` then `: v`), or inside a
 * plain scalar that went on over lines (`- a` then `  b: c`), is "Multiline implicit key" (measured;
 * fixtures *-list-after-explicit-key-*). Pairs on lines of their own (`- a: b`, a key `model: m` after
 * the list), a `?` first, or no `:` at all: "Unexpected token".
 */
function listAfterExplicitKey(lines: Line[], i: number, next: number): string {
  const listIndent = (lines[i] as Line).indent;
  /** The block indentation of a plain scalar that ends the line above (it goes on onto lines further right). */
  let plain: number | undefined;
  for (let k = i; k <= next && k < lines.length; k++) {
    const line = lines[k] as Line;
    if (line.blank) {
      if (line.comment) plain = undefined;
      continue;
    }
    if (line.inScalar || line.tabbed) continue;
    if (k > i && plain !== undefined && line.indent > plain) {
      if (/:(?:[ \t]|$)/.test(line.content)) return 'Multiline implicit key';
      if (line.comment) plain = undefined;
      continue;
    }
    const marker = /^(?:-(?:[ \t]+|$))*/.exec(line.content)?.[0] ?? '';
    const content = line.content.slice(marker.length);
    if (k > i) {
      if (/^\?(?:[ \t]|$)/.test(content)) return 'Unexpected token';
      if (/^:(?:[ \t]|$)/.test(content)) return 'Multiline implicit key';
      if (marker === '' && line.indent <= listIndent) return 'Unexpected token';
    }
    // The node this line ends with: a plain scalar goes on over lines right of its map or list.
    const value = holdsPair(content) ? /:[ \t]+(.*)$/.exec(content)?.[1] : content;
    const lastEntry = marker.replace(/-[ \t]*$/, '').length;
    plain = value !== undefined && PLAIN_START.test(value) && !line.comment ? (value === content ? line.indent + lastEntry : line.indent + marker.length) : undefined;
  }
  return 'Unexpected token';
}

/**
 * Bun's wording for properties over several lines (`&a` / `&b`) that give one node two anchors
 * ("Multiple anchors") or two tags ("Multiple tags"), or undefined.
 */
function repeatedProperty(lines: Line[]): string | undefined {
  let anchors = 0;
  let tags = 0;
  for (const line of lines) {
    for (const property of line.content.split(/[ \t]+/)) {
      if (property.startsWith('&')) anchors++;
      else if (property.startsWith('!')) tags++;
    }
  }
  return anchors > 1 ? 'Multiple anchors' : tags > 1 ? 'Multiple tags' : undefined;
}

/** The index of the first line after line `i` with more than blanks and a comment on it (lines.length: none). */
function nextContent(lines: Line[], i: number): number {
  let next = i + 1;
  while (next < lines.length && (lines[next] as Line).blank) next++;
  return next;
}

/**
 * Where line `i` stands where its map expects a key, the line of the map's entry above it: the nearest
 * line above that is no further right, a pair or explicit entry at the same indentation whose value
 * (when it has none on its line) a list entry would be. Undefined elsewhere, and inside an open flow
 * collection.
 */
function mapKeyOwner(lines: Line[], i: number, sequence: boolean): Line | undefined {
  const indent = (lines[i] as Line).indent;
  let open = 0;
  let afterEntries = false;
  // Lines further right between the entry and line `i` give the entry its value.
  let deeper = false;
  for (let j = i - 1; j >= 0; j--) {
    const above = lines[j] as Line;
    if (above.blank || above.inScalar) continue;
    if (above.tabbed) return undefined;
    const scan = scanLine(above.content);
    open += scan.unclosed === undefined ? scan.brackets : Infinity;
    if (above.indent > indent) {
      deeper = true;
      continue;
    }
    if (above.indent < indent) return undefined;
    if (isEntry(above.content)) {
      // The entries of a list: another bare key's (then no `?` came between) or the value of the pair above.
      if (sequence) return undefined;
      afterEntries = true;
      deeper = false;
      continue;
    }
    if (open > 0 || !(holdsPair(above.content) || /^[?:](?:[ \t]|$)/.test(above.content))) return undefined;
    const empty = OPEN_VALUE.test(above.content) && !deeper;
    return (afterEntries ? empty : !(sequence && empty)) ? above : undefined;
  }
  return undefined;
}

/**
 * Opening minus closing brackets on a line outside quoted scalars (roughly: enough to see a flow
 * collection left open), and where a quoted scalar opens that the line does not close (an index in
 * `content`), if one does.
 */
function scanLine(content: string): { brackets: number; unclosed?: number } {
  let brackets = 0;
  for (let k = 0; k < content.length; k++) {
    const code = content.charCodeAt(k);
    if ((code === 34 || code === 39) && (k === 0 || /[\s[{,:]/.test(content.charAt(k - 1)))) {
      // A quoted scalar opens here ('' escapes ' and \ escapes " inside).
      const opened = k;
      for (k++; ; k++) {
        if (k >= content.length) return { brackets, unclosed: opened };
        const inner = content.charCodeAt(k);
        if (code === 34 && inner === 92) k++;
        else if (inner === code && code === 39 && content.charCodeAt(k + 1) === 39) k++;
        else if (inner === code) break;
      }
    } else if (code === 91 || code === 123) brackets++;
    else if (code === 93 || code === 125) brackets--;
  }
  return { brackets };
}

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
