import { join, resolve } from 'node:path';
import { splitTools } from '../parser/index.js';
import { ExitError } from '../errors.js';
import { applyPlan } from '../files/apply.js';
import { planFiles } from '../files/plan.js';
import { forgetAgentNames, targetProblem } from '../files/same-name.js';
import { renderAgent, type Rendered } from '../render/render.js';
import { severityOf, type ResolvedConfig } from '../rules/index.js';
import type { Answers } from '../spec/answers.js';
import type { Preset } from '../spec/preset.js';
import { formatDiagnostic } from './text.js';

export interface WriteOptions {
  presets: Map<string, Preset>;
  config: ResolvedConfig;
  outDir: string;
  force: boolean;
}

/** The answers behind the rules an answer can break: what to change, as a flag (each is also a question). */
const ANSWER_OF: Record<string, string> = {
  'name/format': '--name',
  'field/model': '--model',
  'field/color': '--color',
  'field/tools': '--tools',
  'description/examples': '--example-count',
  'description/length': '--example-count',
  'body/length': '--title, --focus or --areas',
};

/**
 * Lists diagnostics the way the check command does, each with the answer to change. The rules a team's
 * config made errors (warnings by default) are named too: that setting is the other way out.
 */
export function describeProblems(rendered: Rendered, config?: ResolvedConfig): string {
  return rendered.errors
    .map((d) => {
      const answer = ANSWER_OF[d.rule];
      // Only a setting that changes the rule is a way out: a config restating an error by default is not.
      const raised = config?.source !== undefined && config.rules[d.rule] === 'error' && severityOf(d.rule, { ...config, rules: {} }) !== 'error';
      const hints = [answer && `change ${answer}`, raised && `${config?.source} makes ${d.rule} an error`].filter(Boolean);
      return `  ${formatDiagnostic(d)}${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`;
    })
    .join('\n');
}

/**
 * What to tell the user after writing: each rule warning (the file is valid, but a rule has a point), and
 * a note when the file has no `tools` line, since the agent then inherits every tool of the session.
 */
export function afterWriting(path: string, rendered: Rendered): string[] {
  const lines = rendered.warnings.map((d) => formatDiagnostic(d, path));
  if (rendered.doc.frontmatter.tools === undefined) {
    lines.push(
      `agentsmith new: note: ${path} has no "tools" line, so the agent inherits every tool of the session (Bash, edits, MCP tools). ` +
        'For least privilege, give --tools read-only, edit, full or a list.',
    );
  }
  return lines;
}

/**
 * A tools list typed at the prompt or in --tools, written the canonical way: ` Read ,Grep,` → `Read,
 * Grep` (commas inside a tool's parentheses stay); '' (tools left out) and the presets stay as they are.
 * (The renderer tidies the rest of the answers, for every command.)
 */
function typedTools(answers: Answers): Answers {
  const { tools } = answers;
  return typeof tools === 'string' && tools !== '' ? { ...answers, tools: (splitTools(tools) ?? []).join(', ') } : answers;
}

/**
 * Renders, validates with the shared parser and the rules, and only then writes `<out>/<name>.md`,
 * atomically. Nothing is written when anything fails, nor when another file in the agents folder
 * already registers the name (the client would keep only one of them; --force does not change that).
 */
export function writeAgent(answers: Answers, options: WriteOptions): { path: string; rendered: Rendered } {
  const rendered = renderAgent(typedTools(answers), options);
  if (rendered.errors.length > 0) {
    const path = join(resolve(options.outDir), rendered.fileName);
    throw new ExitError(`${path} was not written: the agent would have these problems (line:column in that file):\n${describeProblems(rendered, options.config)}`, 1);
  }
  const [planned] = planFiles(options.outDir, [{ fileName: rendered.fileName, content: rendered.content }], options.force);
  if (!planned) throw new ExitError('nothing to write', 1);
  const problem = targetProblem(rendered.name, options, planned);
  if (problem) throw new ExitError(problem, 1);
  try {
    applyPlan([{ ...planned, action: planned.action === 'create' ? 'create' : 'overwrite' }]);
  } finally {
    forgetAgentNames();
  }
  return { path: planned.path, rendered };
}
