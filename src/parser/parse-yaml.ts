import type { Document } from 'yaml';
import { parseSimpleBlock } from './simple.js';
import { scalarRanges, readDocuments, yaml } from './yaml-engine.js';
import { anchorEmptyKeys, applyBunTags, colonMapKeys, badAliasName, gluedComments, badTagStart, blockEndingTabLines, dedentedQuotedLine, bunMessage, bunRaises, dedentedClosers, emptyExplicitValues, emptyKeyValueLine, errorBeforeExhaustion, explicitMapKeyContinuation, indentedExplicitValue, indicatorSpaces, indentedEmptyKey, keyColonOnLaterLine, laterColonWording, linkAliases, loneSurrogateEscape, mergeKeys, propertiesBeforeQuestion, scalarTabLines, spacedBlockHeaders, strayDirective, topBlockTabLine, stringKeys, tabLines, tagSlip } from './bun/index.js';
import { bareKeys } from './bare-keys.js';
import { droppedContent } from './dropped-content.js';
import { BUN_MAX_DEPTH, STACK_OVERFLOW, bracketDepth, byEntries, syntaxDepth } from './deep.js';
import { MAX_EXPANDED_NODES, expandedSize } from './expanded-size.js';
import { insideScalar } from './inside-scalar.js';
import { nullKeys, topLevelKeys } from './top-level-keys.js';
import { fail, movedBack, type YamlResult } from './yaml-result.js';

/**
 * The YAML engine, tuned to read what the client's engine (Bun.YAML.parse, Bun 1.4) reads, and no more.
 * Measured against Bun on 555 inputs, then against the client (tests/fixtures/oracle): YAML 1.2 core schema,
 * duplicate keys allowed (last wins), merge keys on, several documents read as a list, a NUL byte
 * rejected, and alias expansion capped where Bun caps it. What Bun reads differently still is in bun/ (one module per concern),
 * and nesting deeper than yaml's recursion goes in deep.ts. (The reader's options: yaml-engine.ts.)
 */

const LONE_CR = /\r(?!\n)/g;
/** What a block scalar header with blanks before an indicator may look like (spacedBlockHeaders decides). */
export const SPACED_HEADER = /[|>][-+1-9]?[ \t]+[-+1-9]/;
/** A line that opens an explicit key (`?`). */
const EXPLICIT_KEY_LINE = /(?:^|\n)[ \t]*\?(?:[ \t]|\r?\n|$)/;

/** A line of an explicit key with no node (`?`, `- ?`, `? &a`). */
const EMPTY_KEY_LINE = /(?:^|\n)[ \t]*(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*\r?(?:\n|$)/;

/** Rereads for dedented closing brackets, bounded by the bytes reread (yaml flags one bracket per read). */
const CLOSER_REREAD_BYTES = 1_000_000;

export function parseYaml(text: string, closerRounds = 0): YamlResult {
  // A carriage return without a line feed ends a line for Bun (yaml reads it as text), in a quoted
  // scalar too: a line it starts there is measured as any other (fixtures *-lone-cr-*, *-lone-cr-quoted-*).
  // Same length, so offsets stay those of the text as written.
  if (text.includes('\r')) {
    const normalized = text.replace(LONE_CR, '\n');
    if (normalized !== text) return parseYaml(normalized, closerRounds);
  }
  // The search for a block scalar header with blanks before its indicators (below) was a tenth of the
  // fast path's time on a long description, and finds nothing in a block the fast path reads that holds
  // no `#`: its only headers are `|`, `|-`, `>` and `>-`, and in a quoted or flow value such a run can
  // end the line (as spacedBlockHeaders wants) only before a comment's `#` (a property test checks).
  // 98% of the corpus copies' blocks hold no `#`.
  const simple = parseSimpleBlock(text);
  if (simple && !('fails' in simple) && !text.includes('#')) return { ok: true, ...simple };
  // A block scalar header with blanks before its indicators (`| -`): read as Bun reads it.
  const spaced = SPACED_HEADER.test(text) ? spacedBlockHeaders(text) : undefined;
  if (spaced !== undefined) return parseYaml(spaced, closerRounds);
  if (simple && 'fails' in simple) return fail(simple.error ?? 'Unexpected token', simple.fails, simple.at);
  if (simple) return { ok: true, ...simple };
  // Nesting deeper than Bun reads is a stack overflow to the client. yaml's composer recurses too: so
  // deep, it can exhaust this thread's stack inside V8's regexp compiler, which aborts the process
  // instead of throwing. yaml's iterative syntax parser measures the depth without recursing.
  if (text.length > 2 * BUN_MAX_DEPTH && bracketDepth(text) > BUN_MAX_DEPTH && (syntaxDepth(text) ?? 0) > BUN_MAX_DEPTH) {
    return fail(STACK_OVERFLOW, 'nested deeper than Bun reads');
  }
  const limit = Error.stackTraceLimit;
  // yaml builds an Error (with a stack trace) for every problem it meets; traces are never shown here.
  Error.stackTraceLimit = 0;
  try {
    const docs = readDocuments(text);
    // A document end marker (`...`) after the last document opens no new one for Bun: an empty document
    // after the first is dropped. A directive (`%YAML`) with no document after it is an error (measured).
    const list = docs.filter((doc, i) => i === 0 || !emptyDocument(doc));
    if (list.length === 0 && /^%/m.test(text)) return fail('Unexpected token', 'a directive with no document after it');
    // Anchors or tags before a `?` that opens a map: the map's, to Bun (yaml stops there).
    const misplaced = list.find((doc) => doc.errors.some((e) => e.code === 'BAD_PROP_ORDER'))?.errors.find((e) => e.code === 'BAD_PROP_ORDER');
    const moved = misplaced && propertiesBeforeQuestion(text, misplaced.pos[0]);
    if (moved) {
      const read = parseYaml(moved.text, closerRounds);
      return read.ok && moved.repeated ? fail(moved.repeated, 'anchors or tags before a `?` that opens a map, repeating those above it', misplaced.pos[0]) : read;
    }
    // A tag Bun reads and yaml stops at: read again with that tag made plain to yaml (offsets unchanged).
    const slipped = text.includes('!') ? tagSlip(list, text) : undefined;
    if (slipped !== undefined) return parseYaml(slipped, closerRounds);
    // A line of blanks and a tab inside a multi-line scalar is an empty line to Bun.
    const blanked = text.includes('\t') ? (scalarTabLines(list, text) ?? blockEndingTabLines(list, text)) : undefined;
    if (blanked !== undefined) return parseYaml(blanked, closerRounds);
    // A comment line with no blank after its `#` (`#model: opus`): yaml may lose its way after it.
    const glued = list.some((doc) => doc.errors.length > 0) && /(?:^|\n)[ \t]*#[^\s]/.test(text) ? gluedComments(list, text) : undefined;
    if (glued !== undefined) return parseYaml(glued, closerRounds);
    if (text.includes('\t') && topBlockTabLine(list, text) !== undefined) return fail('Unexpected character', 'a line of only a tab first in a block scalar that is the whole document');
    // Lines of only a tab (and blanks, a comment): Bun fails after some tokens, and reads past others where yaml stops.
    if (text.includes('\t')) {
      for (const doc of list) {
        const tabbed = tabLines(doc, text);
        if (tabbed && 'fail' in tabbed) return fail('Unexpected token', 'a line holding only a tab follows a quoted value, a flow collection, an alias or an empty value');
        if (tabbed) return parseYaml(tabbed.text, closerRounds);
      }
    }
    // A node standing where its map expects a key, then an explicit key: Bun reads a key with a null value.
    // (And an anchor or tag alone before an explicit key, a list after one: Bun stops, yaml reads on.)
    const explicitKeys = EXPLICIT_KEY_LINE.test(text);
    const bare = explicitKeys ? bareKeys(text) : undefined;
    // (A problem yaml finds before any of it comes first: Bun stops there too, in the words bunMessage gives.)
    const before = bare && 'fail' in bare && list.some((doc) => doc.errors.some((error) => error.pos[0] < bare.at));
    if (bare && 'fail' in bare && !before) return fail(bare.fail, 'a node where its map expects a key, with no explicit key (`?`) after it', bare.at);
    if (bare && !('fail' in bare)) return movedBack(parseYaml(bare.text, closerRounds), bare.back);
    // (A problem yaml finds before it, such as a second anchor on the key, Bun meets first.)
    const indented = text.includes('?') ? list.map((doc) => indentedExplicitValue(doc, text)).find((at) => at !== undefined) : undefined;
    const valueLine = EMPTY_KEY_LINE.test(text) ? emptyKeyValueLine(text) : undefined;
    if (valueLine !== undefined && (indented === undefined || valueLine < indented) && !list.some((doc) => doc.errors.some((e) => e.pos[0] < valueLine && bunRaises(e, text)))) return fail('Unexpected token', 'the value of an explicit key with no node, under its `:` further right than the `?`, no further right than that `:`', valueLine);
    if (indented !== undefined && !list.some((doc) => doc.errors.some((e) => e.pos[0] < indented && bunRaises(e, text)))) return fail('Unexpected token', 'the value of an explicit key (`? x`) starts further right than its `?`', indented);
    // An explicit key with no node, then a `:` line further right: the first entry of a map, the key's node, to Bun.
    // (A problem yaml finds before it, such as a second anchor for the key, Bun meets first.)
    const keyMaps = text.includes('?') ? colonMapKeys(text) : undefined;
    if (keyMaps && !list.some((doc) => doc.errors.some((e) => e.pos[0] < keyMaps.first && bunRaises(e, text)))) {
      const read = movedBack(parseYaml(keyMaps.text, closerRounds), keyMaps.back);
      // (Where Bun stops after that map, unless it stopped before.)
      const { stops } = keyMaps;
      return stops !== undefined && (read.ok || (read.at ?? Infinity) > stops) ? fail('Unexpected token', 'a line after the map an explicit key with no node opens at its `:` line, left of that map but right of the `?`', stops) : read;
    }
    // Deeper than yaml's recursive reader goes (Bun reads more): read the top-level entries one by one.
    // (Unless an error comes before the nesting gets too deep: Bun stops there, as it reads in order.
    // yaml's recovery from such errors, `: ` after `: ` on one line, is often what nests so deep.)
    if (list.some((doc) => doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION') && !errorBeforeExhaustion(doc, text))) {
      return byEntries(text, parseYaml) ?? fail(STACK_OVERFLOW, 'nested deeper than the YAML reader can follow');
    }
    // A multi-line flow collection closed (or going on after a comma or a `:`) left of its key: Bun reads on, yaml stops.
    const closed = /\n[ \t]*(?:[\]},]|:[ \t\r\n])/.test(text) && (closerRounds + 1) * text.length <= CLOSER_REREAD_BYTES ? dedentedClosers(list, text) : undefined;
    if (closed !== undefined) return parseYaml(closed, closerRounds + 1);
    // Bun stops at the first problem in the text. yaml finds an alias without an anchor only when it
    // builds values, and lets a NUL byte through: both are looked for here, and the earliest wins.
    const nul = text.indexOf('\0');
    // A `%` line where no directive can be: Bun stops there; yaml may read on.
    const directive = /(?:^|\n)%/.test(text) ? strayDirective(text, scalarRanges(list, ['QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED', 'PLAIN'])) : undefined;
    for (const doc of list) {
      const listed = doc.errors.find((e) => bunRaises(e, text));
      // (yaml lists a key's problems once it has read the key; an anchor with no name inside it, which
      // Bun refuses as it scans it, Bun meets first.)
      const scanned = listed && doc.errors.find((e) => e.code === 'BAD_ALIAS' && e.pos[0] < listed.pos[0] && bunRaises(e, text));
      const error = scanned ?? listed;
      if (text.includes('*') && doc.errors.length > 0) anchorEmptyKeys(doc, text);
      const alias = text.includes('*') ? linkAliases(doc) : undefined;
      // A character Bun refuses where yaml reads on: half a surrogate pair, a tag starting with punctuation.
      const refused = Math.min(
        (/\\[uU]/.test(text) ? loneSurrogateEscape(doc, text) : undefined) ?? Infinity,
        (text.includes('!') ? badTagStart(doc, text) : undefined) ?? Infinity,
        (text.includes('*') ? badAliasName(doc, text) : undefined) ?? Infinity,
        (/["'][^\n]*\n/.test(text) ? dedentedQuotedLine(text, (at) => insideScalar(doc, 'PLAIN', at)) : undefined) ?? Infinity,
      );
      // A key whose `:` went onto a later line, an empty key indented under a pair: yaml reads them, Bun does not.
      const colonLines = /\n[ \t]*:/.test(text);
      const broken = colonLines ? (keyColonOnLaterLine(doc, text) ?? Infinity) : Infinity;
      // (Or a `:` after a value on its line, `tags: [a, b] :`: yaml reads an empty key there, Bun stops.)
      const deeper = colonLines || text.includes(' :') || text.includes(']:') || text.includes('\t:') || text.includes('}:') ? indentedEmptyKey(doc, text) : undefined;
      const first = Math.min(broken, deeper?.at ?? Infinity);
      if (first !== Infinity && first < (error?.pos[0] ?? Infinity) && first < refused && (alias === undefined || first < alias) && (nul < 0 || first < nul)) {
        return broken === first
          ? fail(laterColonWording(text, first), 'a key whose `:` is on a later line', first)
          : fail(deeper?.wording ?? 'Unexpected token', 'an empty key (`: v`) indented deeper than the keys of its map', first);
      }
      if (directive && directive.at <= (error?.pos[0] ?? Infinity) && directive.at < Math.min(first, refused, alias ?? Infinity) && (nul < 0 || directive.at < nul)) {
        return fail(directive.wording, 'a directive (`%`) where none can be: after content, or with no `---` after it', directive.at);
      }
      const at = Math.min(error?.pos[0] ?? Infinity, refused);
      // (At an unresolved alias's own offset, its name is what Bun refuses first.)
      if (refused !== Infinity && refused === at && (alias === undefined || refused <= alias) && (nul < 0 || refused < nul)) {
        return fail('Unexpected character', 'a character Bun does not take there (half a surrogate pair in a \\u escape, a tag starting with punctuation, a flow indicator in an alias name, a quoted value going on too far left)', refused);
      }
      if (nul >= 0 && nul <= at && (alias === undefined || nul < alias)) return fail('Unexpected character', 'a NUL byte is not allowed in YAML', nul);
      // (A structural error at the alias itself comes after it: Bun fails on the alias first. An alias
      // with no name is the error.)
      if (alias !== undefined && (alias < at || (alias === at && error?.code !== 'BAD_ALIAS'))) return fail('Unresolved alias', 'an alias names no anchor defined before it', alias);
      if (error) return fail(bunMessage(error.code, error.message, error.pos, text), error.message, error.pos[0]);
    }
    if (nul >= 0) return fail('Unexpected character', 'a NUL byte is not allowed in YAML', nul);
    if (explicitKeys && droppedContent(list, text) !== undefined) return fail('Unexpected token', 'a node yaml drops: it stands where no node can after an explicit key');
    const continued = explicitKeys ? explicitMapKeyContinuation(list, text) : undefined;
    if (continued !== undefined) return fail('Unexpected token', 'a value of a map in an explicit key (`? x: b`) going on onto a line no further right than the map', continued);
    if (list.length === 0) return { ok: true, value: null, keys: [] };
    // A double-quoted value whose last character, the text's last, is an escaped quote (`"a\"`, as a
    // frontmatter cut short by a `---` in the value may end): yaml takes the quote for the closing one,
    // Bun runs out of text (measured; fixtures *-escaped-quote-at-end-*).
    if (text.endsWith('\\"') && (/\\+"$/.exec(text)?.[0].length ?? 0) % 2 === 0 && scalarRanges(list, ['QUOTE_DOUBLE']).some(([, end]) => end === text.length)) {
      return fail('Unexpected EOF', 'a double-quoted value that the text ends inside (its last quote is escaped)', text.length);
    }
    // Where this thread's stack let yaml read deeper than Bun does (a worker thread has more), fail as Bun.
    if (text.length > 2 * BUN_MAX_DEPTH && bracketDepth(text) > BUN_MAX_DEPTH && (syntaxDepth(text) ?? Infinity) > BUN_MAX_DEPTH) {
      return fail(STACK_OVERFLOW, 'nested deeper than Bun reads');
    }
    if (explicitKeys) for (const doc of list) emptyExplicitValues(doc, text);
    if (text.includes('!')) for (const doc of list) applyBunTags(doc, text);
    if (/[[{?]/.test(text)) for (const doc of list) stringKeys(doc);
    if (text.includes('<<')) for (const doc of list) mergeKeys(doc);
    if (/[|>][+-]?[1-9]/.test(text)) for (const doc of list) indicatorSpaces(doc, text);
    const values = list.map((doc) => doc.toJS({ maxAliasCount: -1 }) as unknown);
    if (expandedSize(values) > MAX_EXPANDED_NODES) return fail('Excessive aliasing', 'aliases expand to more than 2^24 nodes');
    if (list.length > 1) return { ok: true, value: values, keys: [] };
    const [doc] = list as [Document.Parsed];
    return { ok: true, value: nullKeys(doc, values[0]), keys: topLevelKeys(doc) };
  } catch (error) {
    // Pathological nesting (RangeError) lands here: a parse failure, as in Bun, never a crash.
    const message = error instanceof Error ? error.message : String(error);
    return fail(error instanceof RangeError ? STACK_OVERFLOW : 'Unexpected token', message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function emptyDocument(doc: Document.Parsed): boolean {
  const { isScalar } = yaml();
  const { contents } = doc;
  return contents === null || (isScalar(contents) && contents.value === null && (contents.range?.[0] ?? 0) === (contents.range?.[1] ?? 0));
}
