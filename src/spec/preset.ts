import { z } from 'zod';

/** A kebab-case id: `api`, `background-jobs`. */
export const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens (kebab-case)');

const text = z.string().trim().min(1, 'must not be empty');

export const exampleSchema = z.strictObject({
  /** One sentence describing the situation, without the "Context:" prefix. */
  context: text,
  /** What the user says, without quotes. */
  user: text,
  /**
   * What the main assistant answers when it hands over to this agent, without quotes.
   * `{agent}` stands for the agent's name and is replaced literally (never evaluated as a template).
   */
  assistant: text,
  /** Why the agent is the right choice here. */
  commentary: text,
});
export type Example = z.infer<typeof exampleSchema>;

export const stepSchema = z.strictObject({
  /** Short bold label, e.g. "Map the contract". */
  step: text,
  /** What to do in that step, one or two sentences. */
  text: text,
});
export type Step = z.infer<typeof stepSchema>;

export const responsibilitySchema = z.strictObject({
  /** kebab-case id used by the `areas` answer and bulk specs. */
  id: kebabId,
  /** Heading of the `###` sub-section, e.g. "Schema Design". */
  title: text,
  /** Concrete bullets, 3 to 7. */
  bullets: z.array(text).min(3).max(7),
  /** Selected when the user accepts the defaults. */
  default: z.boolean().default(true),
});
export type Responsibility = z.infer<typeof responsibilitySchema>;

export const toolsChoice = z.enum(['read-only', 'edit', 'full']);
export type ToolsChoice = z.infer<typeof toolsChoice>;

export const presetSchema = z.strictObject({
  id: kebabId,
  /** One line shown in the specialty list. */
  summary: text,
  /** Default agent name, kebab-case. */
  name: kebabId,
  /** Default title, e.g. "Database Engineer". */
  title: text,
  /** Default focus: one sentence completing "You focus on …". */
  focus: text,
  /** What completes "Use this agent when …" in the description. */
  trigger: text,
  /** The expertise sentence of the identity paragraph, without frameworks (those are appended). */
  expertise: text,
  frameworks: z.strictObject({ choices: z.array(text).min(1), default: z.array(text) }),
  datastores: z.strictObject({ choices: z.array(text).min(1), default: z.array(text) }),
  model: z.string().default('sonnet'),
  color: z.string().default('blue'),
  tools: toolsChoice.default('edit'),
  responsibilities: z.array(responsibilitySchema).min(3),
  methodology: z.array(stepSchema).min(4).max(8),
  qualityStandards: z.array(text).min(4),
  outputFormat: z.strictObject({ intro: text, steps: z.array(stepSchema).min(3) }),
  edgeCases: z.array(text).min(4),
  clarifyingQuestions: z.array(text).min(3),
  closing: text,
  examples: z.array(exampleSchema).min(2).max(4),
});
export type Preset = z.infer<typeof presetSchema>;
