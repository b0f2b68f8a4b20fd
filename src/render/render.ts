import { parseAgentFile, type AgentDocument } from '../parser/index.js';
import { validate, type Diagnostic, type ResolvedConfig } from '../rules/index.js';
import { answersSchema, type Answers } from '../spec/answers.js';
import type { Preset } from '../spec/preset.js';
import { checkName } from '../spec/name.js';
import { allowedDefault, areasProblem } from '../spec/answer-text.js';
import { agentTemplate, lf } from './engine.js';
import { buildModel } from './model.js';

export interface RenderEnv {
  presets: Map<string, Preset>;
  config: ResolvedConfig;
}

export interface Rendered {
  name: string;
  /** `<name>.md`: always a plain file name, never a path. */
  fileName: string;
  content: string;
  doc: AgentDocument;
  /** Problems that stop the file from being written: bad answers, rule errors, a verdict other than loaded. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const problem = (rule: string, message: string): Diagnostic => ({ rule, severity: 'error', message, line: 1, column: 1 });

/** Each item once, trimmed, blanks dropped: "Express, FastAPI and Express" reads like a slip. */
const once = (items: string[] | undefined): string[] | undefined => items && [...new Set(items.map((item) => item.trim()).filter(Boolean))];

const lfValues = <T extends Record<string, string | undefined>>(texts: T): T =>
  Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text === undefined ? text : lf(text)])) as T;

/**
 * Answers as the body should read them, whoever gave them (new, a bulk spec, an import). The title goes
 * into "You are a senior {title}.", so blanks around it and closing punctuation would show ("a senior  API
 * Developer. .", "API Developer:."). A framework or datastore given twice counts once. The texts that span lines (a spec's
 * "...\r\n..." string, say) end their lines with LF, or the file would mix CRLF and LF lines; a lone CR
 * is text, as import keeps it.
 */
function tidy(answers: Answers): Answers {
  const { title, frameworks, datastores, description, trigger, examples, sections, customSections } = answers;
  return {
    ...answers,
    ...(title === undefined ? {} : { title: title.trim().replace(/[\s.,;:!?\u2026]+$/u, '') }),
    ...(frameworks === undefined ? {} : { frameworks: once(frameworks) }),
    ...(datastores === undefined ? {} : { datastores: once(datastores) }),
    ...(description === undefined ? {} : { description: lf(description) }),
    ...(trigger === undefined ? {} : { trigger: lf(trigger) }),
    ...(examples === undefined ? {} : { examples: examples.map(lfValues) }),
    ...(sections === undefined ? {} : { sections: lfValues(sections) }),
    ...(customSections === undefined ? {} : { customSections: customSections.map((section) => ({ ...section, content: lf(section.content) })) }),
  };
}

/**
 * A model and color left out: the specialty's, unless the team's config lists others (then the first
 * it lists), so a file rendered with no model passes the team's own check.
 */
function teamDefaults(answers: Answers, preset: Preset, config: ResolvedConfig): Answers {
  return {
    ...answers,
    model: answers.model ?? (config.anyModelId ? preset.model : allowedDefault(preset.model, config.models)),
    color: answers.color ?? allowedDefault(preset.color, config.colors),
  };
}

/**
 * The one render path of new-agent, bulk, import and drift: answers → model → template → the shared
 * parser → the rules. Nothing is written here; the caller writes only when `errors` is empty.
 */
export function renderAgent(input: Answers, env: RenderEnv): Rendered {
  const parsed = answersSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'answers'}: ${issue.message}`).join('; ');
    return failed(String(input.name ?? ''), [problem('answers', message)]);
  }
  const answers = tidy(parsed.data);
  const preset = env.presets.get(answers.specialty);
  if (!preset) {
    return failed(String(answers.name ?? ''), [
      problem('answers', `unknown specialty "${answers.specialty}"; choose one of ${[...env.presets.keys()].join(', ')}.`),
    ]);
  }
  const areasProblem = checkAreas(answers, preset);
  if (areasProblem) return failed(String(answers.name ?? preset.name), [problem('answers', areasProblem)]);
  const model = buildModel(teamDefaults(answers, preset, env.config), preset);
  const nameProblem = checkName(model.name);
  if (nameProblem) return failed(model.name, [problem('name/format', nameProblem)]);

  const content = agentTemplate(env.config.templates)(model);
  const fileName = `${model.name}.md`;
  const doc = parseAgentFile(content, fileName);
  const diagnostics = validate(doc, { config: env.config, fileStem: model.name, inAgentsFolder: true });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  // The rules report a skipped or non-agent file already (load/skipped, load/not-an-agent), with its reason.
  const reported = errors.some((d) => d.rule === 'load/skipped' || d.rule === 'load/not-an-agent');
  if (doc.verdict.kind === 'loaded' ? doc.verdict.name !== model.name : !reported) {
    errors.unshift(problem('load/skipped', `Claude Code would not load the rendered file as "${model.name}": ${verdictText(doc.verdict)}.`));
  }
  return { name: model.name, fileName, content, doc, errors, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

/**
 * Area ids of a spec reach the renderer unchecked (new's flags are checked earlier, in new-answers.ts);
 * only a responsibilities section given verbatim makes them moot.
 */
function checkAreas(answers: Answers, preset: Preset): string | undefined {
  if (answers.areas === undefined || answers.sections?.responsibilities !== undefined) return undefined;
  const problem = areasProblem(answers.areas, preset.id, preset.responsibilities.map((area) => area.id));
  return problem && `areas: ${problem}.`;
}

/** A verdict in words, for a message: not the object as JSON. */
function verdictText(verdict: AgentDocument['verdict']): string {
  if (verdict.kind === 'loaded') return `it would load as "${verdict.name}"`;
  const detail = verdict.kind === 'skipped' && verdict.detail ? ` (${verdict.detail})` : '';
  return `${verdict.kind === 'skipped' ? 'it would skip it' : 'it would not take it for an agent'}: ${verdict.reason}${detail}`;
}

function failed(name: string, errors: Diagnostic[]): Rendered {
  const doc = parseAgentFile('');
  return { name, fileName: `${name}.md`, content: '', doc, errors, warnings: [] };
}
