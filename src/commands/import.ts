import type { AgentDocument, ExampleBlock } from '../parser/index.js';
import { toolList } from '../rules/tools.js';
import { valueInWords } from '../rules/value-words.js';
import { headingKey } from '../rules/content-rules.js';
import type { Answers, SpecExample } from '../spec/answers.js';
import { RAW_SECTIONS, STANDARD_FRONTMATTER, type RawSection } from '../spec/constants.js';
import { suggestName } from '../spec/name.js';
import type { Preset } from '../spec/preset.js';

/** Headings that mean a house section (compared after headingKey normalization: case, "Your", punctuation). */
const SYNONYMS: Record<Exclude<RawSection, 'identity' | 'closing'>, string[]> = {
  responsibilities: ['core responsibilities', 'responsibilities', 'key responsibilities', 'focus areas', 'capabilities', 'core capabilities', 'expertise', 'areas of expertise', 'core competencies', 'core expertise', 'what you do'],
  methodology: ['working methodology', 'methodology', 'approach', 'process', 'workflow', 'how you work', 'working process', 'development process', 'method'],
  quality: ['code quality standards', 'quality standards', 'standards', 'best practices', 'quality', 'principles', 'guidelines', 'coding standards', 'quality assurance'],
  output: ['output format', 'output', 'deliverables', 'response format', 'output structure', 'expected output', 'outputs'],
  edgeCases: ['edge cases and considerations', 'edge cases', 'considerations', 'constraints', 'limitations', 'important considerations'],
};
const HOUSE_KEYS = Object.keys(SYNONYMS) as (keyof typeof SYNONYMS)[];
const STANDARD_KEYS = new Set<string>(STANDARD_FRONTMATTER);

export interface Imported {
  answers: Answers;
  /** What the import changed or could not keep, for the comment above the spec entry. */
  notes: string[];
  /** Values of the file the spec does not keep as written (also in `notes`), for stderr, with their line. */
  warnings: { line?: number; message: string }[];
}

/**
 * Splits the body at its `#`/`##` headings, as the parser found them (code fences already skipped): the
 * text before the first `##` is the preamble, and a leading `# Title` stays with it.
 */
function topSections(doc: AgentDocument): { preamble: string; sections: { level: number; title: string; content: string }[] } {
  // A CRLF file's lines keep their \r: the spec would hold "\r\n" escapes and the re-rendered file,
  // written with LF, would mix both endings. (A lone \r inside a line is text, and stays.)
  const lines = doc.body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const starts: { level: number; title: string; at: number }[] = [];
  for (const heading of doc.headings) {
    if (heading.level <= 2 && (heading.level === 2 || starts.length > 0)) starts.push({ level: heading.level, title: heading.title, at: heading.line - doc.bodyLine });
  }
  const preamble = lines.slice(0, starts[0]?.at ?? lines.length);
  const sections = starts.map((start, k) => ({
    level: start.level,
    title: start.title,
    lines: lines.slice(start.at + 1, starts[k + 1]?.at ?? lines.length),
  }));
  // Blank lines around a section's text go (the template puts its own between sections); the text itself
  // stays exactly as written, trailing spaces on its last line included ("line  " is a Markdown line break).
  const blank = (line: string | undefined) => /^[ \t]*$/.test(line ?? '');
  const tidy = (text: string[]) => {
    let [first, last] = [0, text.length - 1];
    while (first <= last && blank(text[first])) first++;
    while (last >= first && blank(text[last])) last--;
    return text.slice(first, last + 1).join('\n');
  };
  return { preamble: tidy(preamble), sections: sections.map((s) => ({ level: s.level, title: s.title, content: tidy(s.lines) })) };
}

/** A bullet in front of an example (`- <example>`): it belongs to the example, not to the lead. */
const EXAMPLE_BULLET = /^[ \t]*[-*+][ \t]*(?=<example>)/gm;

/**
 * Whether text outside the examples follows the first one (a closing remark, "Delegations: …"): the
 * house order, the lead then the examples, would move it in front of them, next to words it was not
 * written for, so such a description is kept whole.
 */
function textAfterExamples(description: string): boolean {
  const first = description.indexOf('<example>');
  if (first < 0) return false;
  return description.slice(first).replace(EXAMPLE_BULLET, '').replace(/<example>[\s\S]*?<\/example>/g, '').trim() !== '';
}

/**
 * Whether an example goes on after its `<commentary>` (a second assistant turn, say): the house template
 * writes the commentary last, so the text would move in front of it.
 */
function textAfterCommentary(example: ExampleBlock): boolean {
  const end = example.raw.toLowerCase().lastIndexOf('</commentary>');
  return end >= 0 && example.raw.slice(end + '</commentary>'.length).trim() !== '';
}

function splitDescription(description: string, examples: ExampleBlock[]): { lead: string; examples: SpecExample[] } {
  const withoutExamples = description.replace(EXAMPLE_BULLET, '').replace(/<example>[\s\S]*?<\/example>/g, '\n\n');
  const lead = withoutExamples.replace(/\n{3,}/g, '\n\n').trim();
  return {
    lead,
    examples: examples.map((example) => {
      const out: SpecExample = {};
      for (const key of ['context', 'user', 'assistant', 'commentary'] as const) {
        const part = example[key];
        if (part !== undefined) out[key] = part;
      }
      if (example.extra) out.notes = example.extra;
      return out;
    }),
  };
}

/** The preset whose words overlap most with the agent's name and description (only a default for later edits). */
function guessSpecialty(doc: AgentDocument, presets: Map<string, Preset>): string {
  const words = new Set(`${String(doc.frontmatter.name ?? '')} ${doc.description ?? ''}`.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  let best = presets.keys().next().value ?? 'api';
  let score = -1;
  for (const preset of presets.values()) {
    const own = `${preset.id} ${preset.summary} ${preset.trigger}`.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    const hits = own.filter((word) => words.has(word)).length;
    if (hits > score) [best, score] = [preset.id, hits];
  }
  return best;
}

/**
 * Maps a parsed agent to generator answers (a bulk spec entry) without losing text: recognized
 * frontmatter and house sections by name, everything else verbatim as extra frontmatter or custom
 * sections in order. Sections the file lacks are left out (''), never filled with preset text.
 */
export function importAgent(doc: AgentDocument, presets: Map<string, Preset>): Imported {
  const notes: string[] = [];
  const data = doc.frontmatter;
  const rawName = String(data.name ?? '');
  const name = suggestName(rawName);
  const warnings: Imported['warnings'] = [];
  if (name !== rawName) {
    // The client registers the agent under the new name: whatever calls it by the old one must change.
    const line = doc.fields.find((field) => field.key === 'name')?.line;
    warnings.push({ line, message: `name "${rawName}" becomes "${name}" in the spec (names are kebab-case file names), so Claude Code will register the agent as "${name}": change whatever calls it "${rawName}".` });
  }
  const whole = textAfterExamples(doc.description ?? '') || doc.examples.some(textAfterCommentary);
  if (whole) notes.push('the description has text after its examples or after an example\'s commentary: kept whole, examples and all, so that nothing moves');
  const { lead, examples } = whole ? { lead: (doc.description ?? '').trim(), examples: [] } : splitDescription(doc.description ?? '', doc.examples);
  const tools = importTools(doc, warnings);
  const { preamble, sections } = topSections(doc);

  const raw: Partial<Record<RawSection, string>> = Object.fromEntries(RAW_SECTIONS.map((key) => [key, '']));
  raw.identity = preamble;
  const customSections: NonNullable<Answers['customSections']> = [];
  for (const section of sections) {
    const key = HOUSE_KEYS.find((house) => raw[house] === '' && SYNONYMS[house].includes(headingKey(section.title)));
    if (key && section.level === 2 && section.content !== '') raw[key] = section.content;
    else customSections.push({ title: section.title, level: section.level, content: section.content });
  }

  const extra = Object.fromEntries(Object.entries(data).filter(([key]) => !STANDARD_KEYS.has(key)));
  const answers: Answers = {
    specialty: guessSpecialty(doc, presets),
    name,
    description: lead,
    examples,
    sections: raw,
    ...(customSections.length > 0 ? { customSections } : {}),
    tools,
    model: importText(doc, 'model', "the agent uses the session's model", warnings),
    color: importText(doc, 'color', 'the agent gets no color', warnings),
    ...(Object.keys(extra).length > 0 ? { frontmatter: extra } : {}),
  };
  notes.push(...warnings.map((warning) => (warning.line === undefined ? warning.message : `line ${warning.line}: ${warning.message}`)));
  return { answers, notes, warnings };
}

/**
 * `model` or `color` as a spec answer: the client uses only a string there (a number, a list or a boolean
 * is not read: `model: 5` runs on the session's model). String(value) turned `model: 5` into "5" and
 * `color: [red, blue]` into "red,blue", values the original never had; such a value is left out, with a warning.
 */
function importText(doc: AgentDocument, key: 'model' | 'color', unread: string, warnings: Imported['warnings']): string {
  const value = doc.frontmatter[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  const line = doc.fields.find((field) => field.key === key)?.valueLine;
  warnings.push({ line, message: `${key} holds ${valueInWords(value)}, not a string, so Claude Code does not read it (${unread}); it is left out of the spec. Write the ${key} meant as a string in the spec if one was meant.` });
  return '';
}

/**
 * `tools` as a spec answer, as the client reads it. Missing: '' (the key stays out of the file: every tool).
 * The client keeps the strings of a list and drops anything else (`[Read, 5, true]` is Read); a value that
 * names no tool at all (an empty `tools:` or `~`, `[]`, `""`, `[5]`, `5`, `false`; measured with the client
 * for the empty ones) gives the agent no tool, so it becomes `[]`, which
 * renders `tools: []` again: leaving it out would give the agent every tool. Whatever the client drops is
 * kept out of the spec too (a tool named "5" would be a new, unknown tool), and said in `warnings`: the spec
 * keeps the agent's access as it was, and the user learns what the file held and where.
 */
function importTools(doc: AgentDocument, warnings: Imported['warnings']): string | string[] {
  const tools = doc.frontmatter.tools;
  if (tools === undefined) return '';
  const line = doc.fields.find((field) => field.key === 'tools')?.valueLine;
  if (tools === null) {
    warnings.push({ line, message: 'tools is empty, which gives the agent no tool: the spec has tools: [] (leaving it out would give every tool).' });
    return [];
  }
  const list = toolList(tools);
  // `*` (also in a list) gives every tool, as no tools line does; the spec leaves tools out (bulk takes no `*`).
  if (list.includes('*')) {
    warnings.push({ line, message: `tools ${JSON.stringify(tools)} gives the agent every tool; the spec leaves tools out, which renders no tools line and gives every tool too.` });
    return '';
  }
  const dropped = Array.isArray(tools) ? tools.filter((item) => typeof item !== 'string') : typeof tools === 'string' ? [] : [tools];
  if (dropped.length > 0) {
    const kept = list.length > 0 ? `the spec keeps ${list.join(', ')}` : 'no tool is left, so the spec has tools: [] (no tool; leaving it out would give every tool)';
    warnings.push({
      line,
      message:
        `tools holds ${dropped.map(valueInWords).join(', ')}, which ${dropped.length === 1 ? 'is not a tool name' : 'are not tool names'}; ` +
        `Claude Code ignores ${dropped.length === 1 ? 'it' : 'them'} and ${kept}. Write the tool ${dropped.length === 1 ? 'name' : 'names'} meant as ${dropped.length === 1 ? 'a string' : 'strings'} in the spec if any was meant.`,
    });
  } else if (list.length === 0 && !(Array.isArray(tools) && tools.length === 0)) {
    warnings.push({ line, message: `tools ${JSON.stringify(tools)} names no tool, which gives the agent no tool: the spec has tools: [] (leaving it out would give every tool).` });
  }
  return list.length === 0 ? [] : list.join(', ');
}
