import { prose } from '../prose.js';
import type { Answers, RawSection, SpecExample } from '../spec/answers.js';
import { RAW_SECTIONS, TOOL_PRESETS } from '../spec/answers.js';
import { STANDARD_FRONTMATTER } from '../spec/constants.js';
import type { Preset, Step } from '../spec/preset.js';
import { serializeFrontmatter } from './frontmatter.js';

/** Everything the templates may use; every key always exists (templates are strict). */
export interface AgentModel {
  frontmatter: string;
  name: string;
  title: string;
  /** What follows "You are": "a senior API Developer", or the title with its own rank or article ("a Staff Engineer"). */
  role: string;
  expertise: string;
  stack: string;
  focus: string;
  responsibilities: { title: string; bullets: string[] }[];
  methodology: Step[];
  quality: string[];
  output: { intro: string; steps: Step[] };
  edgeCases: string[];
  questions: string[];
  closing: string;
  raw: Record<RawSection, string | null>;
  /** A section given as '' in the spec is left out entirely (import does this for sections a file lacks). */
  show: Record<RawSection, boolean>;
  customSections: { hashes: string; title: string; content: string }[];
}

/** Answers after defaults: what a bulk plan or a prompt session has once every question is settled. */
export interface ResolvedAnswers {
  specialty: string;
  name: string;
  title: string;
  focus: string;
  frameworks: string[];
  datastores: string[];
  areas: string[];
  model: string;
  color: string;
  /** A string, or an empty list for an explicit `tools: []`. */
  tools: string | string[];
  exampleCount: number;
}

/** Fills every prompted answer the user did not give from the preset. */
export function withDefaults(answers: Answers, preset: Preset): ResolvedAnswers {
  return {
    specialty: preset.id,
    name: answers.name ?? preset.name,
    title: answers.title ?? preset.title,
    focus: answers.focus ?? preset.focus,
    frameworks: answers.frameworks ?? preset.frameworks.default,
    datastores: answers.datastores ?? preset.datastores.default,
    areas: answers.areas ?? preset.responsibilities.filter((area) => area.default).map((area) => area.id),
    model: answers.model ?? preset.model,
    color: answers.color ?? preset.color,
    tools: answers.tools ?? preset.tools,
    exampleCount: answers.exampleCount ?? preset.examples.length,
  };
}


/**
 * What completes "working mainly with …": "Express, backed by Redis", or either list alone, or '' (the
 * template then leaves the clause out). Blank items are dropped, so no combination leaves a dangling "backed by".
 */
export function stack(frameworks: string[], datastores: string[]): string {
  const [tools, stores] = [frameworks, datastores].map((items) => prose(items.map((item) => item.trim()).filter(Boolean)));
  if (tools && stores) return `${tools}, backed by ${stores}`;
  return tools || stores || '';
}

/** A title that already says how senior the role is: "a senior" before it would read "a senior Senior Engineer". */
// (Not "veteran": "Veteran Affairs Integration Engineer" names the field, not a rank.)
const RANKED = /^(?:senior|sr\.?|staff|principal|lead|chief|head|junior|jr\.?|distinguished|expert|seasoned|experienced)(?![\p{L}\p{N}])/iu;
/** A title written with its own article: "the team's DBA", "an API steward". */
const ARTICLE = /^(?:a|an|the)\s/i;

/**
 * What completes "You are …": "a senior {title}" for a plain title, the title alone when it starts with an
 * article, and "a"/"an" before a title that names its own rank, so "Senior Backend Engineer" or "Lead API
 * Developer" are not made "a senior Senior …" / "a senior Lead …".
 */
export function role(title: string): string {
  // Mid-sentence, the title's own article is lowercase: "You are the Architect", not "You are The Architect".
  if (ARTICLE.test(title)) return title.replace(/^\S+/, (article) => article.toLowerCase());
  if (RANKED.test(title)) return `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
  return `a senior ${title}`;
}

/**
 * The focus completes "You focus on …"; the question asks for "one sentence", so people often type the
 * whole of it ("You focus on keeping migrations safe", "Focusing on: …"), which would read "You focus on You focus on …".
 */
export const focusText = (focus: string): string => focus.trim().replace(/^(?:you\s+)?focus(?:es|ing)?\s+on\s*:?\s+(?=\S)/i, '');

/**
 * The text as a sentence: kept when it ends as one ("…!", "….", "…", or such a mark inside a closing quote
 * or bracket), else with a period, after any comma, semicolon or colon it ended on ("contracts:" would
 * read "contracts:.").
 */
const sentence = (text: string): string => {
  const trimmed = text.trim();
  return /[.!?\u2026]["'\u2019\u201d)\]]?$/u.test(trimmed) ? trimmed : `${trimmed.replace(/[\s,;:]+$/, '')}.`;
};

/**
 * A preset name (read-only, edit, full) or the list as given; '' leaves `tools` out (the agent inherits every
 * tool), and an empty list stays an explicit `tools: []` (kept from an imported file that said so).
 */
export function toolsValue(tools: string | string[]): string | string[] | undefined {
  if (Array.isArray(tools)) return tools.length > 0 ? tools.join(', ') : [];
  if (tools === '') return undefined;
  // Own keys only: `in` would also match `toString` or `__proto__` typed as a tools list.
  return Object.hasOwn(TOOL_PRESETS, tools) ? TOOL_PRESETS[tools as keyof typeof TOOL_PRESETS] : tools;
}

/** `{agent}` in a preset's example stands for the agent's name; explicit examples are used as written. */
function renderExample(example: SpecExample, name: string, fromPreset: boolean): string {
  const fill = (text: string): string => (fromPreset ? text.replaceAll('{agent}', name) : text);
  const lines = ['<example>'];
  if (example.context !== undefined) lines.push(`Context: ${fill(example.context)}`);
  if (example.user !== undefined) lines.push(`user: "${fill(example.user)}"`);
  if (example.assistant !== undefined) lines.push(`assistant: "${fill(example.assistant)}"`);
  if (example.notes !== undefined) lines.push(example.notes);
  if (example.commentary !== undefined) lines.push('<commentary>', fill(example.commentary), '</commentary>');
  lines.push('</example>');
  return lines.join('\n');
}

/** The description: the lead paragraph (trigger), then the worked examples. */
export function description(answers: Answers, resolved: ResolvedAnswers, preset: Preset): string {
  const lead = answers.description ?? `Use this agent when ${sentence(answers.trigger ?? preset.trigger)}`;
  const fromPreset = answers.examples === undefined;
  const examples = answers.examples ?? preset.examples.slice(0, Math.max(1, resolved.exampleCount));
  return [lead, ...examples.map((example) => renderExample(example, resolved.name, fromPreset))].filter(Boolean).join('\n\n');
}

/** Builds the template model: the preset's content shaped by the answers. */
export function buildModel(answers: Answers, preset: Preset): AgentModel {
  const resolved = withDefaults(answers, preset);
  const frontmatter = serializeFrontmatter([
    ['name', resolved.name],
    ['description', description(answers, resolved, preset)],
    ['tools', toolsValue(resolved.tools)],
    ['model', resolved.model || undefined],
    ['color', resolved.color || undefined],
    // The schema refuses these keys under frontmatter; answers built in code are kept from repeating them.
    ...Object.entries(answers.frontmatter ?? {}).filter(([key]) => !(STANDARD_FRONTMATTER as readonly string[]).includes(key)),
  ]);
  const raw = Object.fromEntries(RAW_SECTIONS.map((key) => [key, answers.sections?.[key] ?? null])) as Record<RawSection, string | null>;
  return {
    frontmatter,
    name: resolved.name,
    title: resolved.title,
    role: role(resolved.title),
    expertise: preset.expertise.replace(/[.\s]+$/, ''),
    stack: stack(resolved.frameworks, resolved.datastores),
    focus: sentence(focusText(resolved.focus)),
    responsibilities: preset.responsibilities
      .filter((area) => resolved.areas.includes(area.id))
      .map(({ title, bullets }) => ({ title, bullets })),
    methodology: preset.methodology,
    quality: preset.qualityStandards,
    output: preset.outputFormat,
    edgeCases: preset.edgeCases,
    questions: preset.clarifyingQuestions,
    closing: preset.closing,
    raw,
    show: Object.fromEntries(RAW_SECTIONS.map((key) => [key, raw[key] !== ''])) as Record<RawSection, boolean>,
    customSections: (answers.customSections ?? []).map((section) => ({
      hashes: '#'.repeat(section.level),
      title: section.title,
      content: section.content,
    })),
  };
}
