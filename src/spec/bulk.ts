import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { outFolderProblem } from '../files/folder.js';
import { AGENTS_FOLDER, packageRoot } from '../paths.js';
import { z } from 'zod';
import { codeOf, describe } from '../files/errors.js';
import { readRegularFile } from '../files/read-regular.js';
import { SpecError } from './errors.js';
import { answersSchema, RAW_SECTIONS, specExampleSchema, type Answers } from './answers.js';
import { readYamlLocated, type Locator } from './locate.js';
import { combinations } from './matrix.js';
import { SpecTemplates } from './spec-templates.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A bulk spec: defaults, a matrix whose every combination is one agent, exclusions, and explicit agents. */
export const bulkSpecSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON schema, for editors.'),
    definitions: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A place for YAML anchors (&base) to reuse elsewhere with aliases (*base) and merge keys (<<: *base); not read otherwise.'),
    out: z.string().default(AGENTS_FOLDER).describe('Output folder, relative to the spec file.'),
    defaults: answersSchema.partial().default({}).describe('Answers shared by every agent; strings may use {{matrix keys}}.'),
    matrix: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'matrix keys are identifiers (letters, digits, _)'), z.array(scalar).min(1))
      .optional()
      .describe('Cartesian product: each combination of values is one agent.'),
    exclude: z.array(z.record(z.string(), scalar)).default([]).describe('Combinations to leave out (a partial match excludes); each key must be a matrix key and each value one of its values.'),
    include: z.array(z.record(z.string(), scalar)).default([]).describe('Extra combinations to add to the matrix; each key must be a matrix key.'),
    name: z.string().optional().describe('Name template over the matrix values, e.g. "{{kebab framework}}-{{kebab datastore}}-api-developer" ({{kebab key}}: the value in kebab-case); needs a matrix (explicit agents set their own name).'),
    agents: z.array(answersSchema.partial()).default([]).describe('Explicit agents, each with the generator answer names.'),
  })
  .describe('agentsmith bulk spec');
export type BulkSpec = z.infer<typeof bulkSpecSchema>;

export interface Variant {
  /** Where the variant comes from, for reports: `matrix {framework: express, …}` or `agents[2]`. */
  origin: string;
  /** The spec line of its entry, `spec.yaml:12` (the matrix, the include entry or the agents entry). */
  where?: string;
  answers: Answers;
}

export { SpecError };

/** A spec as read: the values, the output folder, and where each value is written. */
export interface ReadSpec {
  spec: BulkSpec;
  outDir: string;
  at: Locator;
}

/** Reads and validates a spec file; errors point at the spec's line and column. */
export function readSpec(file: string): ReadSpec {
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (error) {
    throw new SpecError(`cannot read the spec ${file}: ${readProblem(file, error)}`);
  }
  const { data: spec, at } = readYamlLocated(file, text, bulkSpecSchema, (message) => new SpecError(message), schemaHint(), SPEC_KEYS);
  const outDir = resolve(dirname(file), spec.out);
  if (spec.out.trim() === '') throw new SpecError(`${at(['out'])}: out is empty; give the output folder (relative to the spec), or leave out out for .claude/agents.`);
  // No shell reads the spec: `~/.claude/agents` would be a folder named ~ beside it, and every message
  // would show the path as the user meant it ("Wrote 3 agent files in ~/.claude/agents").
  if (/^~(?:[\\/]|$)/.test(spec.out)) {
    const meant = join(homedir(), spec.out.slice(2));
    throw new SpecError(
      `${at(['out'])}: out ${JSON.stringify(spec.out)} starts with ~, which a spec does not expand (it would be a folder named ~ beside the spec); write the full path, such as ${JSON.stringify(meant)}, or a path relative to the spec.`,
    );
  }
  const problem = outFolderProblem(outDir, `out ${JSON.stringify(spec.out)} (${outDir})`);
  if (problem) throw new SpecError(`${at(['out'])}: ${problem}; change out in the spec, or move the file.`);
  return { spec, outDir, at };
}

/** Every key a spec may hold, at any level: what an unknown key is compared with for a did-you-mean. */
const SPEC_KEYS = [
  ...Object.keys(bulkSpecSchema.shape),
  ...Object.keys(answersSchema.shape),
  ...Object.keys(specExampleSchema.shape),
  ...RAW_SECTIONS,
  'level',
  'content',
];

/** Where the spec keys are documented: the README, and the JSON schema this package ships (its real path). */
function schemaHint(): string {
  return `Every key is described in the README ("agentsmith bulk") and in ${join(packageRoot, 'schema', 'bulk.schema.json')}.`;
}

/** Why a spec cannot be read, in words, with what to do. */
function readProblem(file: string, error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOENT') return 'there is no such file; check the path.';
  if (code === 'EISDIR') return `${file} is a folder; give the spec file (a .yaml file) inside it.`;
  if (code === 'ENOTREG') return 'not a regular file (a pipe, socket or device); give the spec file itself.';
  if (code === 'EILSEQ') return `${(error as Error).message}.`;
  return `${describe(error)}.`;
}

/**
 * Expands the matrix (minus exclusions, plus inclusions) and the explicit agents into answers. Every
 * problem of the spec's structure (exclude/include entries that apply to nothing, a name template without
 * a matrix, no agents at all) is reported at once, with its spec line; `at` defaults to the value's path.
 */
export function expandSpec(spec: BulkSpec, at: Locator = () => 'spec'): Variant[] {
  const { origins, problems } = combinations(spec, at);
  if (spec.name !== undefined && origins.length === 0 && !spec.matrix) {
    problems.push(`${at(['name'])}: name is a template for matrix agents, but the spec has no matrix; add a matrix, or give each entry of agents its own name.`);
  }
  if (problems.length > 0) throw new SpecError(problems.join('\n'));
  const templates = new SpecTemplates(templateKeys(spec), at);
  // One lookup per entry, not per variant: 10,000 matrix variants share the matrix's line.
  const lines = new Map<string, string>();
  const lineOf = (path: PropertyKey[]) => {
    const key = path.join('.');
    const found = lines.get(key) ?? at(path);
    lines.set(key, found);
    return found;
  };
  const variants: Variant[] = origins.map(({ combo, origin, path }) => {
    // A matrix key that is an answer name (e.g. `specialty`) also sets that answer (as a value, never a template).
    const direct = Object.fromEntries(Object.entries(combo).filter(([key]) => Object.hasOwn(answersSchema.shape, key)));
    const filled = templates.fill({ defaults: spec.defaults, ...(spec.name !== undefined ? { name: spec.name } : {}) }, combo, origin, path);
    return { origin, where: lineOf(path), answers: { ...filled.defaults, ...direct, ...(filled.name !== undefined ? { name: filled.name } : {}) } as Answers };
  });
  // A default that uses {{matrix keys}} has no value outside a combination: an explicit agent takes the
  // preset's default instead of the raw braces.
  const shared = Object.fromEntries(Object.entries(spec.defaults).filter(([, value]) => !JSON.stringify(value).includes('{{')));
  spec.agents.forEach((agent, i) => {
    variants.push({ origin: `agents[${i}]`, where: at(['agents', i]), answers: { ...shared, ...agent } as Answers });
  });
  if (variants.length === 0 && spec.matrix) {
    throw new SpecError(`${at(['exclude'])}: exclude leaves out every combination of the matrix, so the spec defines no agents; remove an exclusion, or add include or agents entries.`);
  }
  if (variants.length === 0) {
    throw new SpecError(`${at([])}: the spec defines no agents; add a matrix (with a name template) or entries under agents.`);
  }
  const unset = noSpecialty(variants);
  if (unset.length > 0) throw new SpecError(unset.join('\n'));
  return variants;
}

/**
 * Entries whose agents have no specialty, one line each (the matrix once): without one nothing can be
 * rendered, and the schema's "expected string, received undefined" would not say where to add it.
 */
function noSpecialty(variants: Variant[]): string[] {
  const lines = new Set<string>();
  for (const { origin, where = 'spec', answers } of variants) {
    if (answers.specialty !== undefined) continue;
    const [entry = origin] = origin.split(' ');
    const what = entry === 'matrix' ? 'the matrix agents have' : `${entry} has`;
    const fix = entry.startsWith('agents') ? 'set specialty in the entry or under defaults' : 'set specialty under defaults, or make it a matrix key';
    lines.add(`${where}: ${what} no specialty; ${fix} ("agentsmith new --help" lists the specialties).`);
  }
  return [...lines];
}

/** What a placeholder may name: the matrix keys, or without a matrix the keys the include entries set. */
function templateKeys(spec: BulkSpec): string[] {
  if (spec.matrix) return Object.keys(spec.matrix);
  return [...new Set(spec.include.flatMap((entry) => Object.keys(entry)))];
}
