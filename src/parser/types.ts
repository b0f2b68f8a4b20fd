/** What the real Claude Code client does with a file. */
export type Verdict =
  /** `name` as the client shows it; `registeredName` as written (the key two agents collide on). */
  | { kind: 'loaded'; name: string; registeredName: string }
  /** `reason` in the client's words; `detail`, ours, when the client's say little ("Unknown parsing error"). */
  | { kind: 'skipped'; reason: string; detail?: string }
  | { kind: 'not-an-agent'; reason: string };

/**
 * How the frontmatter was read:
 * - `strict`: plain YAML, every parser reads it;
 * - `recovered`: only the client's one retry (quoting single-line values) reads it; other tools reject it;
 * - `none`: there was no frontmatter block, or it did not parse at all.
 */
export type ReadMode = 'strict' | 'recovered' | 'none';

/** 1-based line and column in the file as written (a BOM is not counted). */
export interface Position {
  line: number;
  column: number;
}

export interface Field extends Position {
  key: string;
  value: unknown;
  /** Where the value starts (same as the key's position when the value is empty). */
  valueLine: number;
  valueColumn: number;
  /** The YAML style of a scalar value: `PLAIN`, `QUOTE_DOUBLE`, `QUOTE_SINGLE`, `BLOCK_LITERAL`, `BLOCK_FOLDED`. */
  valueType?: string;
}

/** The frontmatter fields the client knows, typed; everything is also in `fields`. */
export interface Frontmatter {
  name?: unknown;
  description?: unknown;
  tools?: unknown;
  disallowedTools?: unknown;
  model?: unknown;
  color?: unknown;
  [key: string]: unknown;
}

/** The known frontmatter fields with the types the client gives them (see settings.ts). */
export interface AgentSettings {
  name: string | undefined;
  /** As the client uses it: a literal `\n` turned into a line break. */
  description: string | undefined;
  tools: string[] | undefined;
  disallowedTools: string[] | undefined;
  model: string | undefined;
  color: string | undefined;
  permissionMode: string | undefined;
  effort: string | number | undefined;
  memory: string | undefined;
  isolation: string | undefined;
  maxTurns: number | undefined;
  skills: string[] | undefined;
  background: boolean;
  initialPrompt: string | undefined;
}

/** An example block; its position is that of its `<example>` tag in the file. */
export interface ExampleBlock extends Position {
  /** The whole text between the tags, after the client's `\n` → newline conversion. */
  raw: string;
  context?: string;
  /** The user's turn, without one pair of quotes around it (`"…"`, or `'…'`). */
  user?: string;
  /** The assistant's turn, likewise. */
  assistant?: string;
  commentary?: string;
  /** Lines that belong to none of the parts (e.g. `<Task tool invocation …>`, a later turn), verbatim. */
  extra?: string;
}

export type Block =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; items: string[]; line: number }
  | { kind: 'steps'; steps: Step[]; line: number }
  | { kind: 'code'; text: string; lang: string; line: number };

export interface Step {
  /** The bold label of `1. **Label**: text`, or undefined when the item has none. */
  label?: string;
  text: string;
}

export interface Section {
  /** 0 for the text before the first heading. */
  level: number;
  title: string;
  line: number;
  blocks: Block[];
  children: Section[];
}

export interface AgentDocument {
  path?: string;
  verdict: Verdict;
  readMode: ReadMode;
  /** The error of the strict YAML parse, when there was one (the retry may still have read the file). */
  yamlError?: string;
  /**
   * Where that error is in the file, when the reader knows (the retry's error for a skipped file). Offsets
   * in the retried text map back to the line as written.
   */
  yamlErrorAt?: Position;
  hasBom: boolean;
  /** Set when the file is over the client's 1 MiB limit (and so was not read at all). */
  tooLarge?: boolean;
  lineEnding: 'lf' | 'crlf' | 'mixed';
  /** The frontmatter text between the fences, as written; undefined when there is none. */
  frontmatterText?: string;
  /** Line of the opening fence and of the closing fence (1-based); 0 when absent. */
  frontmatterStart: number;
  frontmatterEnd: number;
  frontmatter: Frontmatter;
  /** The known fields, typed (computed from `frontmatter` on first use). */
  settings: AgentSettings;
  /** Top-level fields in order of first appearance; a duplicate key keeps its last value (the client's rule). */
  fields: Field[];
  /** Keys written more than once, with every line they appear on. */
  duplicateKeys: { key: string; lines: number[] }[];
  /** `description` as the client uses it (literal `\n` turned into newlines), when it is a string. */
  description?: string;
  examples: ExampleBlock[];
  /** Tags `<example>`/`</example>`/`<commentary>`/`</commentary>` that do not pair up, where each is written. */
  unbalancedTags: { tag: string; line: number; column: number }[];
  /** Whether the description holds a tag-like `<name>` or `</name>` besides those four (a misspelt one, maybe). */
  otherTags: boolean;
  /** The body (system prompt) as written, and the line it starts on. */
  readonly body: string;
  bodyLine: number;
  /**
   * Bounds of `body.trim().length`, equal when exact: a body read from bytes is measured from its byte
   * count, without the check that it is all ASCII (each character takes 1 to 3 bytes); once that check
   * has been made (asking for the text makes it), an ASCII body is measured exactly.
   */
  readonly bodyLength: { min: number; max: number };
  /** `body.trim().length` exactly; a body read from bytes of valid UTF-8 is counted without decoding it. */
  bodyTrimmedLength(): number;
  /** The first `units` UTF-16 units of the body after its leading white space, without decoding the rest. */
  bodyOpening(units: number): string;
  /**
   * The opening, or where that is cheaper, the same stretch of the body as a one-byte reading of its
   * UTF-8 bytes: the ASCII characters as in the opening, each other character as one to four characters
   * from U+0080 to U+00FF. A test for ASCII words (word boundaries, no `u` flag, such as /\byou\b/i)
   * answers on it as on the opening.
   */
  bodyOpeningScan(units: number): string;
  /** Every heading outside code blocks, in order (cheap; the rules use these). */
  headings: Heading[];
  /** The body as a tree of sections (built on first access). */
  sections: Section[];
}

export interface Heading {
  level: number;
  title: string;
  /** The file line (doc.headings count it on first use: copy it by name, a spread copy may miss it). */
  line: number;
}
