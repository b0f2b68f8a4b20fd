import { splitTools, type Field } from '../parser/index.js';
import { memo, memoPer, own } from './memo.js';
import { closest, didYouMean } from './similar.js';
import type { Report, RuleContext } from './types.js';
import { valueInWords } from './value-words.js';

/** A tools field as a list (the parser's split), memoized: the same line recurs across a team's files. */
export function toolList(value: unknown): readonly string[] {
  return typeof value === 'string' ? toolLine(value) : frozenList(splitTools(value) ?? []);
}

const toolLine = memo((line: string): readonly string[] => frozenList(splitTools(line) ?? []), 2000);

/**
 * Every list toolList gives is made here, so all have one hidden class (frozen, elements of any kind,
 * even when empty): a line's list and a YAML list's had two, and the first YAML list after V8 had
 * optimized checkTools threw that code away.
 */
function frozenList(items: readonly string[]): readonly string[] {
  const list = [''];
  list.length = 0;
  for (const item of items) list.push(own(item));
  return Object.freeze(list);
}

const TOOL_FORM = /^([A-Za-z][A-Za-z0-9_]*)(\((.*)\))?$/s;
const MCP_TOOL = /^mcp__[A-Za-z0-9_.-]+(__[A-Za-z0-9_.*-]+)?$/;

/** Reports each tool of `tools` or `disallowedTools` that is neither known, nor MCP, nor a known tool's form. */
export function checkTools(context: RuleContext, report: Report, key: 'tools' | 'disallowedTools'): void {
  const found = context.doc.fields.find((candidate) => candidate.key === key);
  if (!found || found.value === undefined) return;
  const { value } = found;
  // The client reads a value that names no tool as an empty list (its code; measured for tools): an agent
  // with such a `tools` gets no tool at all, where leaving the key out gives it every tool.
  const tools = toolList(value);
  const none = tools.length === 0;
  if (typeof value !== 'string' && !Array.isArray(value)) {
    if (value === null) {
      if (key === 'tools') report(NO_TOOLS('an empty tools:'), found);
    } else report(notText(key, value), found);
    return;
  }
  // The client keeps a list's strings and drops the rest (`[Read, 5, true]` is Read): say what it drops.
  const dropped = Array.isArray(value) ? value.filter((item) => typeof item !== 'string') : [];
  if (dropped.length > 0) report(notToolNames(key, dropped, none), found);
  // `tools: []` says "no tools" plainly (an agent that only advises): only the forms that may mean
  // "I meant to list some" are named.
  else if (none && key === 'tools' && !(Array.isArray(value) && value.length === 0)) report(NO_TOOLS(writtenEmpty(value)), found);
  const known = context.config.tools;
  // Found once per field, and only when a tool is unknown: most fields have none.
  let columns: number[] | undefined;
  for (const i of unknownIn(known, tools)) {
    columns ??= toolColumns(context.doc, found, tools);
    const column = columns[i];
    report(unknownTool(known, `${key}\0${tools[i] as string}`), column === undefined ? found : { line: found.valueLine, column });
  }
}

/**
 * Where the unknown tools of `tools` are, worked out once per list: a line's list is one object for
 * every file that writes that line (toolLine), so a team's repeated lines are looked up once each, not
 * tool by tool.
 */
function unknownIn(known: readonly string[], tools: readonly string[]): readonly number[] {
  let byList = unknownByList.get(known);
  if (!byList) unknownByList.set(known, (byList = new WeakMap()));
  let unknown = byList.get(tools);
  if (!unknown) {
    const isKnown = knownTest(known);
    const found: number[] = [];
    for (let i = 0; i < tools.length; i++) if (!isKnown(tools[i] as string)) found.push(i);
    byList.set(tools, (unknown = found));
  }
  return unknown;
}
const unknownByList = new WeakMap<readonly string[], WeakMap<readonly string[], readonly number[]>>();

/**
 * Whether a tool is known, an MCP tool or a known tool's form (`Bash(git:*)`); an entry that is no form,
 * such as `*` (every tool), as written. Memoized per list of known tools: a team's lines repeat.
 */
function knownTest(known: readonly string[]): (tool: string) => boolean {
  let test = knownTests.get(known);
  if (!test) knownTests.set(known, (test = memo((tool: string): boolean => MCP_TOOL.test(tool) || known.includes(TOOL_FORM.exec(tool)?.[1] ?? tool), 2000)));
  return test;
}
const knownTests = new WeakMap<readonly string[], (tool: string) => boolean>();

/** What a `tools` that names no tool does, and the two ways out; `written` says how it is written. */
const NO_TOOLS = (written: string): string =>
  `${written} gives this agent no tools; remove the line to allow every tool, or list the tools it needs (e.g. tools: Read, Grep, Glob).`;

/** How a string of tools that names none is written, for NO_TOOLS. */
const writtenEmpty = (value: string | unknown[]): string => (typeof value === 'string' && value.trim() === '' ? 'an empty tools:' : `tools: ${JSON.stringify(value)}, which names no tool,`);

/** What the client makes of each field when its value is no text or list: nothing at all. */
const READ_AS_NOTHING: Record<string, string> = { tools: 'this agent gets no tools', disallowedTools: 'it denies no tool' };

/** `tools is 5 (a number), …`: a value that is neither text nor a list (rare: built each time). */
function notText(key: string, value: unknown): string {
  const remedy = key === 'tools' ? 'or remove the line to allow every tool' : 'or remove the line';
  return `${key} is ${valueInWords(value)}, which Claude Code reads as no tool, so ${READ_AS_NOTHING[key]}: write a comma-separated string such as "Read, Grep, Glob", ${remedy}.`;
}

/** `tools holds 5 (a number), true (a boolean), which are not tool names; …` (rare: built each time). */
function notToolNames(key: string, dropped: unknown[], none: boolean): string {
  const shown = dropped.map(valueInWords);
  const one = dropped.length === 1;
  // With nothing left, the list is empty to the client.
  const left = none ? `, and with nothing left ${READ_AS_NOTHING[key]}` : '';
  return `${key} holds ${shown.join(', ')}, which ${one ? 'is not a tool name' : 'are not tool names'}; Claude Code ignores ${one ? 'it' : 'them'}${left}: write tool names as text, or remove ${one ? 'it' : 'them'}.`;
}

/** "tools: "X" is not a known tool", keyed by the field and the tool (the hint depends on the config's tools). */
const unknownTool = memoPer((known: string[], key: string) => {
  const [field, tool = ''] = key.split('\0');
  // `Read Grep Glob`: known tools with spaces between them, one entry to the client.
  const words = tool.split(/\s+/);
  if (words.length > 1 && words.every((word) => known.includes(word))) {
    return `${field}: "${tool}" is one entry, not ${words.length} tools; separate them with commas: ${words.join(', ')}.`;
  }
  const hint = closest(TOOL_FORM.exec(tool)?.[1] ?? tool, known);
  return `${field}: "${tool}" is not a known tool${didYouMean(hint)} (MCP tools are written mcp__server__tool).`;
});

/**
 * The column (1-based) of each tool on the value's line, when the value is on one line; the list stops
 * at the first tool not found (those after it are reported at the field). Tools are written left to
 * right, so each is looked for after the ones before it: one pass over the line.
 */
function toolColumns(doc: RuleContext['doc'], found: Field, tools: readonly string[]): number[] {
  const columns: number[] = [];
  const line = valueLineText(doc, found);
  if (line === undefined) return columns;
  let from = found.valueColumn - 1;
  for (const tool of tools) {
    const at = line.indexOf(tool, from);
    if (at < 0) break;
    columns.push(at + 1);
    from = at + tool.length;
  }
  return columns;
}

/**
 * The text of the line a field's value starts on, so a diagnostic can point into a one-line value;
 * undefined for a value that goes on over more lines (a block scalar or a folded plain one).
 */
function valueLineText(doc: RuleContext['doc'], found: Field): string | undefined {
  if (found.valueType?.startsWith('BLOCK') || typeof found.value !== 'string' || found.value.includes('\n')) return undefined;
  return lineOf(doc.frontmatterText, found.valueLine - doc.frontmatterStart - 1);
}

/** The `index`th line (0-based) of `text`, found without splitting the whole text. */
export function lineOf(text: string | undefined, index: number): string | undefined {
  if (text === undefined || index < 0) return undefined;
  let start = 0;
  for (let i = 0; i < index; i++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}
