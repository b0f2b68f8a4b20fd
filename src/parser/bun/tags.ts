import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';

// Tags as Bun reads them: what a tag does to a scalar (mostly: makes it a string), `!!omap`, the tag
// names Bun refuses, and those it reads where yaml stops (a `,` or non-ASCII character in them).

/** The tags Bun applies to a plain scalar by reading it as usual; `!!str` makes it a string. */
const CORE_TAGS = new Set(['!!int', '!!float', '!!bool', '!!null']);

/**
 * Tags on scalars as Bun reads them (measured with the client): a quoted or block scalar is a string
 * whatever its tag (`!!int "12"` is "12"); on a plain scalar, `!!int`, `!!float`, `!!bool` and
 * `!!null` change nothing (`!!int 1.5` is 1.5) and every other tag (`!!str`, `!!binary`,
 * `!!timestamp`, `!!merge`, `!foo`, `!<tag:yaml.org,2002:int>`) makes it a string. yaml would apply
 * the tag instead: a number, a Buffer, a Date, a merge. An ordered map (`!!omap`) stays a list.
 */
export function applyBunTags(doc: Document.Parsed, text: string): void {
  const { visit, isScalar, YAMLMap, YAMLSeq } = yaml();
  visit(doc, {
    Scalar(_, node) {
      if (node.tag === undefined || !isScalar(node)) return;
      const source = node.source ?? String(node.value);
      const tag = tagAt(text, node.range?.[0] ?? 0)?.tag;
      node.value = node.type === 'PLAIN' && tag !== undefined && CORE_TAGS.has(tag) ? plainValue(source) : source;
      node.tag = undefined;
    },
    // `!!omap [a: 1]` is the list it is written as to Bun (yaml makes it a Map, a map to the checks).
    Seq(_, node) {
      if (node.tag !== 'tag:yaml.org,2002:omap') return undefined;
      const list = new YAMLSeq();
      list.range = node.range;
      list.flow = node.flow;
      list.items = node.items.map((pair) => {
        const entry = new YAMLMap();
        entry.items.push(pair as never);
        return entry;
      });
      return list;
    },
  });
}

/**
 * The text with its tags made readable to yaml where Bun reads them and yaml stops: a `!tag` (primary
 * handle) going on with `,` or non-ASCII characters (`!a,b value`, `!aéb value`), not followed by a
 * flow map (measured). The rest of each such tag becomes `_`s: same length, so every offset holds, and
 * still a tag of its own, which makes its value a string as in Bun. Undefined when there is none.
 */
export function tagSlip(docs: Document.Parsed[], text: string): string | undefined {
  const ranges: [number, number][] = [];
  for (const error of docs.flatMap((doc) => doc.errors)) {
    if (!error.message.startsWith('Tags and anchors must be separated')) continue;
    const at = error.pos[0];
    // (A comma ends the tag for Bun as for yaml: the plain scalar that starts there is the value.)
    const char = text.charCodeAt(at);
    if (char < 128) continue;
    // YAML's white space only: a no-break space is part of the tag.
    let start = at;
    while (start > 0 && !/[ \t\r\n]/.test(text[start - 1] ?? '')) start--;
    const token = text.slice(start, at);
    if (!token.startsWith('!') || token.startsWith('!!') || token.startsWith('!<')) continue;
    let end = at;
    while (end < text.length && !/[ \t\r\n]/.test(text[end] ?? '')) end++;
    if (!/^[ \t]*\{/.test(text.slice(end, end + 64))) ranges.push([at, end]);
  }
  if (ranges.length === 0) return undefined;
  // Each round turns at least one `,` or non-ASCII character into `_`: reading again ends.
  const parts: string[] = [];
  let from = 0;
  for (const [at, end] of ranges.sort((x, y) => x[0] - y[0])) {
    if (at < from) continue;
    parts.push(text.slice(from, at), '_'.repeat(end - at));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The tag token before the value at `at`, and where it starts (a flow indicator before it is not part of it). */
function tagAt(text: string, at: number): { tag: string; start: number } | undefined {
  let end = at;
  for (let token = 0; token < 2; token++) {
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    let start = end;
    while (start > 0 && !/[\s[{,]/.test(text[start - 1] ?? '')) start--;
    const written = text.slice(start, end);
    if (written.startsWith('!')) return { tag: written, start };
    if (!written.startsWith('&')) return undefined;
    end = start;
  }
  return undefined;
}

/**
 * Where the first tag Bun refuses is: after its handle (`!`, `!!`, `!name!`), a tag must start with a
 * letter, a digit or `-` (measured: `!=b`, `!.b`, `!_b`, `!'b` and the like are "Unexpected character"
 * in Bun, and fine in yaml). `!<…>` and a lone `!` are fine.
 */
export function badTagStart(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isNode } = yaml();
  let first: number | undefined;
  visit(doc, (_, node) => {
    if (!isNode(node) || node.tag === undefined) return undefined;
    const found = tagAt(text, node.range?.[0] ?? 0);
    if (!found || found.tag.startsWith('!<')) return undefined;
    const suffix = found.tag.replace(/^!(?:[A-Za-z0-9-]*!)?/, '');
    if (suffix !== '' && !/^[A-Za-z0-9-]/.test(suffix) && (first === undefined || found.start < first)) first = found.start;
    return undefined;
  });
  return first;
}

/** What a plain scalar reads as without a tag (YAML 1.2 core schema: null, bool, int, float, or text). */
function plainValue(source: string): unknown {
  try {
    return yaml().parse(source) as unknown;
  } catch {
    return source;
  }
}
