import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { yamlPlace } from '../files/yaml-locate.js';
import { closest, didYouMean, normalize } from '../rules/similar.js';

/** Line and column (1-based) of the node at `path` in a YAML document, or of its nearest parent. */
export function issueLocation(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): { line: number; col: number } {
  return lineCounter.linePos(yamlPlace(doc, path).offset);
}

/** The path to point at for a schema issue: zod reports an unknown key on its parent, but the key is what to fix. */
export function issuePath(issue: { path: PropertyKey[]; code?: string; keys?: readonly string[] }): PropertyKey[] {
  const key = issue.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
  return key === undefined ? issue.path : [...issue.path, key];
}

/** Where a spec value is written, as `file:line`, for messages about values that passed the schema. */
export type Locator = (path: PropertyKey[]) => string;

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: readonly string[]; issues?: readonly { message: string }[] };

/**
 * The message to show for a schema issue. zod reports a record key that fails its own check as "Invalid key
 * in record" and keeps the check's message (e.g. "matrix keys are identifiers") one level down. An unknown
 * key gets the nearest known one: in another case (`example-count`) or mistyped (`modle`, `defualts`).
 */
function issueMessage(issue: Issue, known: readonly string[] = []): string {
  const inner = issue.code === 'invalid_key' ? issue.issues?.[0]?.message : undefined;
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
  const near = unknown === undefined ? undefined : closest(unknown, known);
  if (issue.code === 'invalid_type') return typeMessage(issue.message);
  if (unknown === undefined || near === undefined) return inner ?? issue.message;
  return `${issue.message}${didYouMean(near)}${normalize(near) === normalize(unknown) ? ' (spec keys are camelCase)' : ''}`;
}

/** zod's type names in words a YAML file is written in. */
const KINDS: Record<string, string> = { string: 'text', array: 'a list', object: 'a map', number: 'a number', boolean: 'true or false', null: 'empty' };

/**
 * zod's "Invalid input: expected string, received undefined" in words: a missing key is missing (add it,
 * as text, a list, a map), a value of the wrong kind says what it is and what to write instead.
 */
function typeMessage(message: string): string {
  const [, expected = '', received = ''] = /expected (\w+), received (\w+)/.exec(message) ?? [];
  const want = KINDS[expected];
  if (want === undefined) return message;
  if (received === 'undefined') return `missing; add it, written as ${want}`;
  return `is ${KINDS[received] ?? received}; write it as ${want}`;
}

/**
 * Parses a YAML file and validates it with a zod schema. Every problem names the file, the line and the
 * column: YAML errors first, then each schema issue (at most 10), then `hint` (where the keys are documented).
 * Merge keys (`<<: *anchor`) are read as YAML 1.1 defines them, so a spec can reuse a block of answers.
 * Also returns a locator for later messages about the values.
 */
export function readYamlLocated<T>(
  file: string,
  text: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } } },
  fail: (message: string) => Error,
  hint: string,
  known: readonly string[] = [],
): { data: T; at: Locator } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lineCounter.linePos(yamlError.pos[0]);
    throw fail(`${file}:${at.line}:${at.col}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(toValue(doc, lineCounter, file, fail) ?? {});
  if (parsed.success) return { data: parsed.data, at: (path) => `${file}:${issueLocation(doc, lineCounter, path).line}` };
  const lines = parsed.error.issues.slice(0, 10).map((issue) => {
    const at = issueLocation(doc, lineCounter, issuePath(issue));
    return `  ${file}:${at.line}:${at.col}: ${issue.path.map(String).join('.') || '(root)'}: ${issueMessage(issue, known)}`;
  });
  throw fail(`${file} is not valid:\n${lines.join('\n')}\n${hint}`);
}

/**
 * How many nodes aliases may expand to in one file. yaml's default (100) refuses a spec that merges one
 * block into 100 agents, as the README suggests; 10,000 still stops an alias bomb (a billion laughs)
 * long before it costs memory.
 */
const MAX_ALIAS_COUNT = 10_000;

/** The document's value; an alias that names no anchor, or that expands too far, is an error at its line. */
function toValue(doc: Document, lineCounter: LineCounter, file: string, fail: (message: string) => Error): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const aliases: { source: string; offset: number }[] = [];
    visit(doc, {
      Alias(_, node) {
        aliases.push({ source: node.source, offset: node.range?.[0] ?? 0 });
      },
    });
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(error.message)?.[1];
    const alias = aliases.find((a) => unresolved === undefined || a.source === unresolved) ?? aliases[0];
    const at = lineCounter.linePos(alias?.offset ?? 0);
    const where = `${file}:${at.line}:${at.col}`;
    if (unresolved !== undefined) {
      throw fail(`${where}: the alias *${unresolved} names no anchor; define &${unresolved} before this line (anchors must come first), or fix the name.`);
    }
    throw fail(
      `${where}: aliases expand to more than ${MAX_ALIAS_COUNT.toLocaleString('en-US')} nodes (from *${alias?.source ?? '?'} on); ` +
        'this looks like an alias bomb. Use fewer nested aliases, or write the values out.',
    );
  }
}

/** readYamlLocated, for callers that need only the value. */
export function readYamlWith<T>(...args: Parameters<typeof readYamlLocated<T>>): T {
  return readYamlLocated(...args).data;
}
