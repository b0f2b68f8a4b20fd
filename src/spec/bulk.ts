import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { ExitError } from '../errors.js';
import { answersSchema, type Answers } from './answers.js';
import { readYamlWith } from './locate.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A bulk spec: defaults, a matrix whose every combination is one agent, exclusions, and explicit agents. */
export const bulkSpecSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON schema, for editors.'),
    out: z.string().default('.claude/agents').describe('Output folder, relative to the spec file.'),
    defaults: answersSchema.partial().default({}).describe('Answers shared by every agent; strings may use {{matrix keys}}.'),
    matrix: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'matrix keys are identifiers (letters, digits, _)'), z.array(scalar).min(1))
      .optional()
      .describe('Cartesian product: each combination of values is one agent.'),
    exclude: z.array(z.record(z.string(), scalar)).default([]).describe('Combinations to leave out (a partial match excludes).'),
    include: z.array(z.record(z.string(), scalar)).default([]).describe('Extra combinations to add to the matrix.'),
    name: z.string().optional().describe('Name template over the matrix values, e.g. "{{framework}}-{{datastore}}-api-developer".'),
    agents: z.array(answersSchema.partial()).default([]).describe('Explicit agents, each with the generator answer names.'),
  })
  .describe('agentsmith bulk spec');
export type BulkSpec = z.infer<typeof bulkSpecSchema>;

export interface Variant {
  /** Where the variant comes from, for reports: `matrix {framework: express, …}` or `agents[2]`. */
  origin: string;
  answers: Answers;
}

export class SpecError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'SpecError';
  }
}

/** Reads and validates a spec file; errors point at the spec's line and column. */
export function readSpec(file: string): { spec: BulkSpec; outDir: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError(`cannot read the spec ${file}: ${(error as Error).message}`);
  }
  const spec = readYamlWith(file, text, bulkSpecSchema, (message) => new SpecError(message), 'See schema/bulk.schema.json for every key.');
  return { spec, outDir: resolve(dirname(file), spec.out) };
}

type Combination = Record<string, string | number | boolean>;

function combinations(spec: BulkSpec): Combination[] {
  const matrix = Object.entries(spec.matrix ?? {});
  let out: Combination[] = matrix.length > 0 ? [{}] : [];
  for (const [key, values] of matrix) out = out.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })));
  const matches = (combo: Combination, partial: Combination) => Object.entries(partial).every(([key, value]) => combo[key] === value);
  out = out.filter((combo) => !spec.exclude.some((rule) => matches(combo, rule)));
  return [...out, ...spec.include];
}

/** Renders every string inside `value` as a Handlebars template over `context` (compiled once per string). */
function fill(value: unknown, context: Combination, compile: (source: string) => (context: object) => string): unknown {
  if (typeof value === 'string') return value.includes('{{') ? compile(value)(context) : value;
  if (Array.isArray(value)) return value.map((item) => fill(item, context, compile));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, context, compile)]));
  }
  return value;
}

/** Expands the matrix (minus exclusions, plus inclusions) and the explicit agents into answers. */
export function expandSpec(spec: BulkSpec): Variant[] {
  const hb = Handlebars.create();
  const compiled = new Map<string, (context: object) => string>();
  const compile = (source: string) => {
    let template = compiled.get(source);
    if (!template) {
      template = hb.compile(source, { noEscape: true, strict: true });
      compiled.set(source, template);
    }
    return template;
  };
  const variants: Variant[] = [];
  for (const combo of combinations(spec)) {
    const origin = `matrix ${JSON.stringify(combo)}`;
    try {
      // A matrix key that is an answer name (e.g. `specialty`) also sets that answer.
      const direct = Object.fromEntries(Object.entries(combo).filter(([key]) => Object.hasOwn(answersSchema.shape, key)));
      const answers = fill({ ...spec.defaults, ...direct, ...(spec.name ? { name: spec.name } : {}) }, combo, compile) as Answers;
      variants.push({ origin, answers });
    } catch (error) {
      const missing = /"([^"]+)" not defined/.exec((error as Error).message)?.[1];
      const keys = Object.keys(combo).join(', ') || '(none)';
      throw new SpecError(
        missing
          ? `${origin}: {{${missing}}} is not a matrix key; the keys are: ${keys}.`
          : `${origin}: ${(error as Error).message.split('\n')[0]} (every {{key}} must be a matrix key: ${keys}).`,
      );
    }
  }
  // A default that uses {{matrix keys}} has no value outside a combination: an explicit agent takes the
  // preset's default instead of the raw braces.
  const shared = Object.fromEntries(Object.entries(spec.defaults).filter(([, value]) => !JSON.stringify(value).includes('{{')));
  spec.agents.forEach((agent, i) => {
    variants.push({ origin: `agents[${i}]`, answers: { ...shared, ...agent } as Answers });
  });
  return variants;
}
