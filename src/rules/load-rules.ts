import { NAME_STYLE_MAX, suggestName } from '../spec/name.js';
import type { AgentDocument } from '../parser/index.js';
import { memo } from './memo.js';
import { closest } from './similar.js';
import { lineOf } from './tools.js';
import type { Rule } from './types.js';
import { kindOf } from './value-words.js';

export { suggestName };

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Rules about whether and how the client reads the file, and under which name. */
export const loadRules: Rule[] = [
  {
    id: 'load/skipped',
    defaultSeverity: 'error',
    summary: 'Claude Code drops the file (it does not parse, or a required field fails the client checks).',
    why: 'The client skips such files silently: the agent simply does not exist for the team.',
    bad: 'description: Use when: the API\nExamples:\n<example>…',
    fix: 'Fix what the message names; for YAML errors quote the value or use a block scalar (`description: |`).',
    check({ doc }, report) {
      if (doc.verdict.kind !== 'skipped') return;
      const detail = doc.verdict.detail ?? doc.yamlError ?? descriptionProblem(doc);
      const at = doc.yamlError ? yamlProblemAt(doc) : fieldAt(doc, skippedKey(doc, detail));
      // The reason stays the client's words; a fix we know of follows it.
      const hint = doc.yamlError ? starHint(doc) : undefined;
      report(`Claude Code skips this file: ${doc.verdict.reason}${detail ? ` (${detail})` : ''}${hint ? `; ${hint}` : ''}.`, at);
    },
  },
  {
    id: 'load/recovered',
    defaultSeverity: 'warn',
    summary: 'The frontmatter loads only through the client’s retry; strict YAML parsers reject it.',
    why: 'Other tools (OpenCode, Copilot, js-yaml, linters) cannot read it, and a small edit can make the client drop it too.',
    bad: 'description: Use this agent when… Examples:\\n<example>\\nContext: …',
    fix: 'Run `agentsmith check --fix`, or quote the value: `description: "…"`.',
    check({ doc }, report) {
      if (doc.readMode !== 'recovered') return;
      const hint = starHint(doc);
      const message = recoveredMessage(doc.yamlError ?? 'parse error');
      report(hint ? message.replace('. Run "agentsmith', `. W${hint.slice(1)}, or run "agentsmith`) : message, yamlProblemAt(doc));
    },
  },
  {
    id: 'load/not-an-agent',
    defaultSeverity: 'warn',
    summary: 'A file in an agents folder that the client does not treat as an agent.',
    why: 'The client ignores it without a message: usually a missing or broken frontmatter block or a missing name.',
    bad: '\n---\nname: x\n--- (a blank first line)',
    fix: 'Start the file with `---` on line 1, close the block with `---`, and give it a `name`.',
    check({ doc, inAgentsFolder }, report) {
      if (doc.verdict.kind !== 'not-an-agent' || !inAgentsFolder) return;
      const why = noName(doc);
      report(`Claude Code does not treat this file as an agent: ${doc.verdict.reason}${why ? ` (${why.text})` : ''}.`, why ?? { line: 1 });
    },
  },
  {
    id: 'name/format',
    defaultSeverity: 'warn',
    summary: `The name is kebab-case (lowercase letters, digits, single hyphens), ${NAME_STYLE_MAX} characters at most.`,
    why: 'Names are typed by people and matched by the client; capitals and spaces load but are easy to mistype.',
    bad: 'name: API Expert',
    fix: 'Use a kebab-case name such as `api-expert`.',
    needsLoaded: true,
    check({ doc }, report) {
      if (doc.verdict.kind !== 'loaded') return;
      const name = doc.verdict.registeredName;
      const kebab = KEBAB.test(name);
      if (kebab && name.length <= NAME_STYLE_MAX) return;
      if (!kebab && name.length <= NAME_STYLE_MAX) {
        report(`name "${name}" is not kebab-case; use something like "${suggestName(name)}".`, fieldAt(doc, 'name'));
        return;
      }
      // Too long: cut after its last whole word that fits (suggestName), not inside one.
      const shorter = suggestName(name);
      const what = kebab ? '' : ' and is not kebab-case';
      report(`name "${name}" has ${name.length} characters${what}; keep it to ${NAME_STYLE_MAX}, such as "${shorter}".`, fieldAt(doc, 'name'));
    },
  },
  {
    id: 'name/file-name',
    defaultSeverity: 'warn',
    summary: 'The name equals the file name (without `.md`).',
    why: 'Only `name` identifies the agent; a different file name makes the agent hard to find and invites duplicates.',
    bad: 'api.md with name: api-developer',
    fix: 'Rename the file to `<name>.md`, or change the name.',
    needsLoaded: true,
    check({ doc, fileStem }, report) {
      if (doc.verdict.kind !== 'loaded' || fileStem === undefined || fileStem === doc.verdict.registeredName) return;
      report(`name "${doc.verdict.name}" differs from the file name "${fileStem}.md"; rename one of them.`, fieldAt(doc, 'name'));
    },
  },
];

const MISSING_DESCRIPTION = /"description"/;

/**
 * The key a skipped file's problem is about, to point there: the field a hooks problem names first
 * (`hooks.PreToolUse: …`, `PreToolUse is declared …`, `agent.hooks: …`), the description when that is what
 * is missing or wrong and it is written, else the name.
 */
function skippedKey(doc: AgentDocument, detail: string | undefined): string {
  if (doc.verdict.kind === 'skipped' && MISSING_DESCRIPTION.test(doc.verdict.reason)) {
    if (doc.fields.some((field) => field.key === 'description')) return 'description';
    return nearDescription(doc)?.key ?? 'name';
  }
  if (detail !== undefined) {
    for (const { key } of doc.fields) {
      if (detail.startsWith(key) && ' .:['.includes(detail.charAt(key.length) || '\0')) return key;
    }
  }
  return 'name';
}

/**
 * Why the client finds no description when there is a `description` key (an empty value, a number, a list),
 * or the key written as the client does not read it (`Description`, `desc`), with what to write instead.
 */
function descriptionProblem(doc: AgentDocument): string | undefined {
  if (doc.verdict.kind !== 'skipped' || !MISSING_DESCRIPTION.test(doc.verdict.reason)) return undefined;
  const written = doc.fields.find((field) => field.key === 'description');
  if (written) {
    const { value } = written;
    const kind = value === null || value === '' ? 'empty' : kindOf(value);
    return `description is ${kind}; write it as text, e.g. description: "Use this agent when …"`;
  }
  const near = nearDescription(doc);
  return near ? `the key is written "${near.key}"; the client reads only "description"` : undefined;
}

/**
 * Why a frontmatter has no name, when something near one is written: an empty (or 0, false) `name`, or the
 * key written as the client does not read it (`Name`, `nmae`, `agent_name`); with the line to point at.
 */
function noName(doc: AgentDocument): { text: string; line: number; column: number } | undefined {
  if (doc.fields.length === 0 || doc.verdict.kind !== 'not-an-agent' || doc.verdict.reason !== NO_NAME) return undefined;
  const written = doc.fields.find((field) => field.key === 'name');
  if (written) return { text: `name is ${written.value === null || written.value === '' ? 'empty' : String(written.value)}; write a kebab-case name such as "api-developer"`, line: written.line, column: written.column };
  const near = doc.fields.find((field) => closest(field.key, NAME, true) !== undefined);
  return near && { text: `the key is written "${near.key}"; the client reads only "name"`, line: near.line, column: near.column };
}
const NAME = ['name'];
/** The parser's reason for a frontmatter without a usable name (parser/verdict.ts). */
const NO_NAME = 'the frontmatter has no name';

/** A key that misspells `description` (`Description`, `descripton`). */
const nearDescription = (doc: AgentDocument) => doc.fields.find((field) => closest(field.key, DESCRIPTION) !== undefined);
const DESCRIPTION = ['description'];

/** One string per YAML error (a team's files repeat the same few). */
const recoveredMessage = memo(
  (error: string) =>
    `the frontmatter is not valid YAML (${error}); only Claude Code's retry reads it. Run "agentsmith check --fix" to rewrite it as strict YAML.`,
);

/** The YAML engine's words (eemeli/yaml's and ours) for a `*` with no anchor name after it. */
const EMPTY_ALIAS = 'Alias cannot be an empty string';

/**
 * How to fix a YAML error at a `*` that opens a value (`model: *`, `- *`, `tools: *, Read`): YAML reads it
 * as an alias, a reference to an `&anchor`, and a bare `*` as an alias with no name. Quoting the value
 * makes it text. Starts with a lowercase "write". The value to write is the rest of the line where the `*` opens a key's value or a list
 * item; elsewhere (in `[*, Read]`) just the `*`. Undefined for other errors, and for a `*name` alias.
 */
export function starHint(doc: AgentDocument): string | undefined {
  const at = doc.yamlErrorAt;
  const line = at && lineOf(doc.frontmatterText, at.line - doc.frontmatterStart - 1);
  // A `*` with no name after it (`*default` names an anchor: its error is another one).
  const star = at !== undefined && line !== undefined && /^\*(?:$|[\s,[\]{}])/.test(line.slice(at.column - 1));
  if (!star && !doc.yamlError?.includes(EMPTY_ALIAS)) return undefined;
  const opens = star && /^\s*(?:[^\s:#][^:#]*:\s+|(?:-\s+)+)$/.test(line.slice(0, at.column - 1));
  // The whole rest of the line: the client's retry quotes all of it, ` #…` included, so that is the value
  // it reads (cutting a ` #1 priority` as a comment would change the agent).
  const value = opens ? line.slice(at.column - 1).trimEnd() : '*';
  const why = value === '*' ? 'a lone * is an alias with no name to YAML' : 'to YAML, a * that opens a value starts an alias';
  return `write the value in quotes: ${quoted(value)} (${why})`;
}

/** `value` as a single-quoted YAML scalar. */
const quoted = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** The YAML error's line and column when the parser knows them, else the opening fence. */
const yamlProblemAt = (doc: AgentDocument): { line: number; column: number } => doc.yamlErrorAt ?? { line: doc.frontmatterStart, column: 1 };

export function fieldAt(doc: { fields: { key: string; line: number; column: number }[] }, key: string) {
  const field = doc.fields.find((candidate) => candidate.key === key);
  return field ? { line: field.line, column: field.column } : { line: 1, column: 1 };
}
