import { parseAgentFile } from '../../src/parser/index.js';
import { resolveConfig, validate, type Config, type Diagnostic } from '../../src/rules/index.js';

export interface LintOptions {
  config?: Config;
  /** The file name without `.md`; by default the name written in the text, so name/file-name is quiet. */
  stem?: string | null;
  inAgentsFolder?: boolean;
}

/** Parses `text` and runs every per-document rule, as `agentsmith check` does for one file. */
export function lint(text: string, { config = {}, stem, inAgentsFolder = true }: LintOptions = {}): Diagnostic[] {
  const doc = parseAgentFile(text);
  const written = doc.verdict.kind === 'loaded' ? doc.verdict.registeredName : undefined;
  const fileStem = stem === null ? undefined : (stem ?? written);
  return validate(doc, { config: resolveConfig(config), inAgentsFolder, ...(fileStem === undefined ? {} : { fileStem }) });
}

/** The diagnostics of one rule. */
export const hits = (diagnostics: Diagnostic[], rule: string): Diagnostic[] => diagnostics.filter((d) => d.rule === rule);

/** The ids of the rules that fired, sorted and without repeats. */
export const firedRules = (diagnostics: Diagnostic[]): string[] => [...new Set(diagnostics.map((d) => d.rule))].sort();
