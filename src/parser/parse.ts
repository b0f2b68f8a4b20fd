import { parseBody } from './body.js';
import { BytesBody, TextBody, type BodySource } from './body-source.js';
import { descriptionPositions } from './description-lines.js';
import { parseExamples } from './examples.js';
import { bodyStartInBytes, LineIndex, opensFrontmatter, splitFrontmatter, type Split } from './split.js';
import { settingsOf } from './settings.js';
import type { AgentDocument, AgentSettings, ExampleBlock, Field, Frontmatter, Heading, Position, ReadMode, Section, Verdict } from './types.js';
import { fieldVerdict, MAX_FILE_BYTES } from './verdict.js';
import { parseYaml, quoteForRetry, STACK_OVERFLOW, type YamlResult } from './yaml.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an agent file from its bytes as the client does: a file over 1 MiB is ignored (not an agent),
 * and the bytes are decoded as UTF-8 with invalid sequences replaced.
 */
export function parseAgentBytes(bytes: Uint8Array, path?: string): AgentDocument {
  if (bytes.length > MAX_FILE_BYTES) {
    const doc = parseAgentFile('', path);
    doc.verdict = {
      kind: 'not-an-agent',
      // Readers may stop just past the limit (files/read.ts), so bytes.length is not the file's size.
      reason: `the file has more than ${MAX_FILE_BYTES} bytes; Claude Code ignores agent files over 1 MiB`,
    };
    doc.tooLarge = true;
    return doc;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cut = bodyStartInBytes(buffer);
  if (cut < 0) return parseAgentFile(buffer.toString('utf8'), path);
  // Only the frontmatter part is decoded now; the body stays in the bytes until asked for (BytesBody).
  return parseSplit(splitFrontmatter(buffer.toString('utf8', 0, cut)), new BytesBody(buffer, cut), path);
}

/**
 * Reads an agent file the way the real Claude Code client does and says what it will do with it.
 * Pure: text in, document out. Never throws on any input.
 */
export function parseAgentFile(text: string, path?: string): AgentDocument {
  const split = splitFrontmatter(text);
  return parseSplit(split, new TextBody(split.body), path);
}

/** `split` holds the text up to the body (or the whole file), `body` the body. */
function parseSplit(split: Split, body: BodySource, path: string | undefined): AgentDocument {
  const index = new LineIndex(split.text, split.bodyOffset);
  // A TextBody is the end of split.text already; a BytesBody's scan has the body's line breaks.
  const ending = lineEnding(split.text, body instanceof TextBody ? '' : body.scan);
  const doc: AgentDocument = new ParsedDocument(path, split.hasBom, ending, body, index.line(split.bodyOffset));
  if (split.frontmatter === undefined) {
    // A first line of `----` or `---x` (a Markdown rule) opens nothing: the default reason stands.
    if (opensFrontmatter(split.text)) doc.verdict = { kind: 'not-an-agent', reason: 'the frontmatter block is not closed by a second ---' };
    return doc;
  }

  const block = split.frontmatter;
  doc.frontmatterText = block;
  doc.frontmatterStart = 1;
  doc.frontmatterEnd = index.line(split.closeOffset);

  let readMode: ReadMode = 'strict';
  let parsed = block;
  let result: YamlResult = parseYaml(block);
  if (!result.ok) {
    doc.yamlError = result.detail;
    if (result.at !== undefined) doc.yamlErrorAt = positionsIn(block, block, index, split.frontmatterOffset)(result.at);
    parsed = quoteForRetry(block);
    const retried = parseYaml(parsed);
    if (!retried.ok) {
      // The client reports the error of its retry.
      // Bun's own stack overflow is not a YAML error: the client reports it bare.
      const cause = retried.error === STACK_OVERFLOW ? retried.error : `YAML Parse error: ${retried.error}`;
      doc.verdict = { kind: 'skipped', reason: `failed to parse and was ignored: ${cause}` };
      doc.yamlError = retried.detail;
      doc.yamlErrorAt = retried.at === undefined ? undefined : positionsIn(block, parsed, index, split.frontmatterOffset)(retried.at);
      return doc;
    }
    result = retried;
    readMode = 'recovered';
  }
  doc.readMode = readMode;
  const data = isPlainObject(result.value) ? result.value : {};
  doc.frontmatter = data;
  collectFields(doc, result, data, positionsIn(block, parsed, index, split.frontmatterOffset));
  doc.verdict = verdictFor(data, block);

  if (typeof data.description === 'string') {
    const description = data.description.replaceAll('\\n', '\n');
    doc.description = description;
    const found = parseExamples(description, descriptionPositions(doc, description));
    doc.examples = found.examples;
    doc.unbalancedTags = found.unbalancedTags;
    doc.otherTags = found.otherTags;
  }
  return doc;
}

function verdictFor(data: Record<string, unknown>, block: string): Verdict {
  if (Object.keys(data).length === 0 && block.trim() === '') {
    return { kind: 'not-an-agent', reason: 'the frontmatter is empty' };
  }
  return fieldVerdict(data);
}

function collectFields(
  doc: AgentDocument,
  result: Extract<YamlResult, { ok: true }>,
  data: Record<string, unknown>,
  position: (offset: number) => Position,
): void {
  const seen = new Map<string, { field: Field; lines: number[] }>();
  for (const location of result.keys) {
    const at = position(location.keyOffset);
    const valueAt = position(location.valueOffset);
    const field: Field = {
      key: location.key,
      value: data[location.key],
      line: at.line,
      column: at.column,
      valueLine: valueAt.line,
      valueColumn: valueAt.column,
      ...(location.valueType ? { valueType: location.valueType } : {}),
    };
    const previous = seen.get(location.key);
    if (previous) {
      previous.lines.push(at.line);
      previous.field = field;
    } else {
      seen.set(location.key, { field, lines: [at.line] });
    }
  }
  for (const [key, { field, lines }] of seen) {
    doc.fields.push(field);
    if (lines.length > 1) doc.duplicateKeys.push({ key, lines });
  }
}

/**
 * Maps an offset in the YAML text that was parsed to a position in the file. The client's retry keeps every
 * line where it was but quotes some values and widens leading tabs, so offsets in the retried text drift.
 */
function positionsIn(written: string, parsed: string, index: LineIndex, offset: number): (at: number) => Position {
  if (written === parsed) return (at) => index.position(offset + at);
  const parsedIndex = new LineIndex(parsed);
  const writtenLines = written.split('\n');
  const parsedLines = parsed.split('\n');
  const firstLine = index.line(offset);
  return (at) => {
    const { line, column } = parsedIndex.position(at);
    return { line: firstLine + line - 1, column: writtenColumn(writtenLines[line - 1] ?? '', parsedLines[line - 1] ?? '', column) };
  };
}

function writtenColumn(written: string, parsed: string, column: number): number {
  if (written === parsed) return column;
  const tabs = /^\t*/.exec(written)?.[0].length ?? 0;
  if (tabs > 0) return column <= 2 * tabs ? Math.ceil(column / 2) : column - tabs;
  // A quoted `key: value` line: the key has not moved; the value starts where it was written.
  const writtenValue = /^[^:]*:\s+/.exec(written)?.[0].length ?? 0;
  const parsedValue = /^[^:]*:\s+/.exec(parsed)?.[0].length ?? 0;
  return column <= parsedValue ? column : writtenValue + Math.max(1, column - parsedValue - 1);
}

/** The line endings of the text before the body and of the body (which starts with no line break). */
function lineEnding(head: string, body: string): AgentDocument['lineEnding'] {
  if (head.indexOf('\r\n') < 0 && body.indexOf('\r\n') < 0) return 'lf';
  return LONE_LF.test(head) || LONE_LF.test(body) ? 'mixed' : 'crlf';
}
const LONE_LF = /(^|[^\r])\n/;

/**
 * The document, with the section tree built on first use: checking needs only the headings, importing
 * needs the tree. (A class getter keeps the object's shape fast; a defineProperty getter did not.)
 */
class ParsedDocument implements AgentDocument {
  // Every field is set in the constructor, in one order: one object shape for every document.
  path: string | undefined;
  verdict: Verdict = { kind: 'not-an-agent', reason: 'the file does not start with a --- frontmatter block' };
  readMode: ReadMode = 'none';
  yamlError: string | undefined = undefined;
  yamlErrorAt: Position | undefined = undefined;
  hasBom: boolean;
  tooLarge: boolean | undefined = undefined;
  lineEnding: AgentDocument['lineEnding'];
  frontmatterText: string | undefined = undefined;
  frontmatterStart = 0;
  frontmatterEnd = 0;
  frontmatter: Frontmatter = {};
  fields: Field[] = [];
  duplicateKeys: { key: string; lines: number[] }[] = [];
  description: string | undefined = undefined;
  examples: ExampleBlock[] = [];
  unbalancedTags: { tag: string; line: number; column: number }[] = [];
  otherTags = false;
  bodyLine: number;
  headings: Heading[];
  #body: BodySource;
  #sections: Section[] | undefined;

  constructor(path: string | undefined, hasBom: boolean, lineEnding: AgentDocument['lineEnding'], body: BodySource, bodyLine: number) {
    this.path = path;
    this.hasBom = hasBom;
    this.lineEnding = lineEnding;
    this.#body = body;
    this.bodyLine = bodyLine;
    this.headings = body.headings(bodyLine);
  }

  get body(): string {
    return this.#body.text;
  }

  get bodyLength(): { min: number; max: number } {
    return this.#body.length;
  }

  bodyTrimmedLength(): number {
    return this.#body.trimmedLength();
  }

  bodyOpening(units: number): string {
    return this.#body.opening(units);
  }

  bodyOpeningScan(units: number): string {
    return this.#body.openingScan(units);
  }

  get settings(): AgentSettings {
    return settingsOf(this.frontmatter, this.description);
  }

  get sections(): Section[] {
    return (this.#sections ??= parseBody(this.body, this.bodyLine));
  }
  set sections(value: Section[]) {
    this.#sections = value;
  }
}
