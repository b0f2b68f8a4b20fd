import type { ExampleBlock, Position } from './types.js';

/** What parseExamples finds by hand: the four tags, in lowercase as the client writes them. */
export const TAG = /<\/?(example|commentary)>/g;
const COMMENTARY = /<commentary>([\s\S]*?)<\/commentary>/i;
const FIELD = /^\s*(context|user|assistant)\s*:\s?(.*)$/i;

export interface ExamplesResult {
  examples: ExampleBlock[];
  unbalancedTags: { tag: string; line: number; column: number }[];
  /** Whether a tag-like `<name>` or `</name>` other than the four is written (a misspelt one, maybe). */
  otherTags: boolean;
}

/** A tag-like `<name>` or `</name>` at a `<` the scan found no tag at. */
const OTHER_TAG = /<\/?[A-Za-z][\w-]*>/y;

/**
 * Finds the `<example>` blocks of a description and splits each into context, user, assistant and
 * commentary. `description` must already have the client's literal `\n` → newline conversion applied.
 * `positionOf` gives the file position of an offset in it (description-lines.ts), where each block and
 * each unbalanced tag is said to be.
 */
export function parseExamples(description: string, positionOf: (offset: number) => Position): ExamplesResult {
  const examples: ExampleBlock[] = [];
  const unbalancedTags: ExamplesResult['unbalancedTags'] = [];
  const open: { tag: string; offset: number }[] = [];
  let otherTags = false;

  for (let offset = description.indexOf('<'); offset >= 0; ) {
    // TAG, found by hand: a regex with matchAll made an iterator and a match per tag, and read all of
    // every description (four in five have no tag at all).
    const closing = description.charCodeAt(offset + 1) === 47;
    const name = closing ? offset + 2 : offset + 1;
    const tag = description.startsWith('example>', name) ? 'example' : description.startsWith('commentary>', name) ? 'commentary' : undefined;
    const at = offset;
    offset = description.indexOf('<', tag === undefined ? offset + 1 : name + tag.length + 1);
    if (tag === undefined) {
      if (!otherTags) {
        OTHER_TAG.lastIndex = at;
        otherTags = OTHER_TAG.test(description);
      }
      continue;
    }
    if (!closing) {
      open.push({ tag, offset: at });
      continue;
    }
    const last = open.at(-1);
    if (!last || last.tag !== tag) {
      unbalancedTags.push({ tag: `</${tag}>`, ...positionOf(at) });
      continue;
    }
    open.pop();
    if (tag === 'example') {
      const raw = description.slice(last.offset + '<example>'.length, at);
      examples.push(new FoundExample(raw, splitExample(raw), positionOf, last.offset));
    }
  }
  for (const left of open) unbalancedTags.push({ tag: `<${left.tag}>`, ...positionOf(left.offset) });
  return { examples, unbalancedTags, otherTags };
}

type Parts = Pick<ExampleBlock, 'context' | 'user' | 'assistant' | 'commentary' | 'extra'>;

/**
 * An example block whose position is worked out when asked for: finding it maps the description back
 * through its quotes and escapes (description-lines.ts), which a 10k check did for every block (7% of its
 * time) to report a handful. `line` and `column` are getters: copy them by name (a spread copy has none).
 */
class FoundExample implements ExampleBlock {
  readonly context: string | undefined;
  readonly user: string | undefined;
  readonly assistant: string | undefined;
  readonly commentary: string | undefined;
  readonly extra: string | undefined;
  readonly #positionOf: (offset: number) => Position;
  readonly #offset: number;
  #position: Position | undefined;

  constructor(
    readonly raw: string,
    parts: Parts,
    positionOf: (offset: number) => Position,
    offset: number,
  ) {
    this.context = parts.context;
    this.user = parts.user;
    this.assistant = parts.assistant;
    this.commentary = parts.commentary;
    this.extra = parts.extra;
    this.#positionOf = positionOf;
    this.#offset = offset;
  }

  get line(): number {
    return (this.#position ??= this.#positionOf(this.#offset)).line;
  }

  get column(): number {
    return (this.#position ??= this.#positionOf(this.#offset)).column;
  }

  toJSON(): ExampleBlock {
    const { raw, context, user, assistant, commentary, extra, line, column } = this;
    return { raw, context, user, assistant, commentary, extra, line, column };
  }
}
type Turn = 'context' | 'user' | 'assistant';

const TAG_ONLY = /^\s*<[^>]*>\s*$/;

/**
 * A label's line and the lines after it, up to the next label, are that part, except blank and
 * tag-only lines; a label seen before (a later turn) starts no part. Lines in no part are `extra`.
 */
function splitExample(raw: string): Parts {
  const parts: Parts = {};
  const commentary = COMMENTARY.exec(raw);
  if (commentary) parts.commentary = (commentary[1] ?? '').trim();
  const rest = commentary ? `${raw.slice(0, commentary.index)}\n${raw.slice(commentary.index + commentary[0].length)}` : raw;

  let current: Turn | undefined;
  const buffers: Partial<Record<Turn, string[]>> = {};
  const extra: string[] = [];
  for (const text of rest.split('\n')) {
    if (text.trim() === '') continue;
    const field = FIELD.exec(text);
    if (field) {
      const part = (field[1] ?? '').toLowerCase() as Turn;
      // A second `assistant:` (a later turn) is not this example's answer: it is extra.
      if (buffers[part]) {
        current = undefined;
        extra.push(text);
        continue;
      }
      current = part;
      buffers[current] = [field[2] ?? ''];
    } else if (current && !TAG_ONLY.test(text)) buffers[current]?.push(text);
    else extra.push(text);
  }
  const texts: Partial<Record<Turn, string>> = {};
  for (const key of TURNS) {
    const lines = buffers[key];
    if (lines) texts[key] = lines.join('\n').trim();
  }
  splitInlineTurns(texts);
  for (const key of TURNS) {
    const text = texts[key];
    if (text !== undefined) parts[key] = unquote(text, key === 'context' ? ['"'] : ['"', "'"]);
  }
  if (extra.length > 0) parts.extra = extra.join('\n');
  return parts;
}

const TURNS = ['context', 'user', 'assistant'] as const;
/** A later turn's label inside an earlier part, as one-line descriptions write it: `… user: "…"` (a quote must follow, so prose such as "the user: …" is no label). */
const INLINE_TURN = { user: /(?:^|\s)user\s*:\s*(?=["'“‘])/i, assistant: /(?:^|\s)assistant\s*:\s*(?=["'“‘])/i };

/**
 * Turns written on the line of an earlier part (`Context: A request. user: "Add it" assistant: "On it"`,
 * as the old /agents wizard wrote examples on one line) become parts of their own, where that part is
 * not written on a line of its own already.
 */
function splitInlineTurns(texts: Partial<Record<Turn, string>>): void {
  for (const key of ['context', 'user'] as const) {
    let text = texts[key];
    if (text === undefined) continue;
    for (const later of key === 'context' ? (['user', 'assistant'] as const) : (['assistant'] as const)) {
      if (texts[later] !== undefined) continue;
      const label = INLINE_TURN[later].exec(text);
      if (!label) continue;
      texts[later] = text.slice(label.index + label[0].length).trim();
      text = text.slice(0, label.index).trim();
    }
    texts[key] = text;
  }
}

/**
 * A part without one pair of surrounding quotes, tried in order (a turn: double, then single, so `"'x'"`
 * keeps `'x'`; a context only loses double quotes).
 */
function unquote(text: string, quotes: string[]): string {
  if (text.length < 2) return text;
  for (const quote of quotes) if (text.startsWith(quote) && text.endsWith(quote)) return text.slice(1, -1);
  return text;
}
