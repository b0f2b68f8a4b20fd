import { z } from 'zod';
import { exampleSchema } from './preset.js';

import { RAW_SECTIONS, STANDARD_FRONTMATTER } from './constants.js';

export { PROMPTED, RAW_SECTIONS, STANDARD_FRONTMATTER, TOOL_PRESETS, type RawSection } from './constants.js';

const text = z.string();
const list = z.array(z.string());

/**
 * A key of `frontmatter`: not one agentsmith writes from an answer of its own. Such a key was dropped
 * without a word (`frontmatter: { tools: Bash }` gave the specialty's tools); it is refused, naming the answer.
 */
const extraKey = z.string().refine((key) => !(STANDARD_FRONTMATTER as readonly string[]).includes(key), {
  error: (issue) => {
    const key = String(issue.input);
    return `"${key}" is an answer key of its own: write ${key}: … beside frontmatter, not inside it (frontmatter only adds other keys, such as permissionMode)`;
  },
});


/** An example as a spec may hold it: every part optional (imported ones may lack some), plus extra lines. */
export const specExampleSchema = exampleSchema.partial().extend({
  /** Lines of the example that are not context, user, assistant or commentary, kept verbatim. */
  notes: z.string().optional(),
});
export type SpecExample = z.infer<typeof specExampleSchema>;

/**
 * The generator's answers: the contract shared by `new-agent` prompts and flags, bulk specs and import.
 * Everything but `specialty` is optional; the preset gives the defaults.
 */
export const answersSchema = z.strictObject({
  specialty: z.string().min(1),
  name: text.optional(),
  title: text.optional(),
  focus: text.optional(),
  frameworks: list.optional(),
  datastores: list.optional(),
  /** Ids of the preset's responsibility areas to include. */
  areas: list.optional(),
  model: text.optional(),
  color: text.optional(),
  /**
   * read-only | edit | full, or the tools as a comma-separated string or a list (rendered as the string).
   * An empty list, `[]`, renders `tools: []`, an explicit empty list (no tools); '' leaves `tools` out of
   * the file (the agent inherits every tool). Normalized by the renderer (toolsValue), not here, so the
   * JSON schema keeps its defaults (zod drops them around a transform).
   */
  tools: z.union([text, list]).optional(),
  /** How many of the preset's examples to include (1 to the preset's count). */
  exampleCount: z.number().int().min(1).max(6).optional(),
  /** What completes "Use this agent when …"; `description` replaces the whole first paragraph instead. */
  trigger: text.optional(),
  description: text.optional(),
  /** Explicit examples, replacing the preset's. */
  examples: z.array(specExampleSchema).optional(),
  /** Verbatim Markdown for a house section, replacing what the preset would write there. */
  sections: z.partialRecord(z.enum(RAW_SECTIONS), z.string()).optional(),
  /** Sections outside the house structure, kept in order after the house sections. */
  customSections: z.array(z.strictObject({ title: z.string(), level: z.number().int().min(1).max(6).default(2), content: z.string() })).optional(),
  /** Other frontmatter keys (permissionMode, memory, maxTurns, …), written after the standard ones. */
  frontmatter: z.record(extraKey, z.unknown()).optional(),
});
export type Answers = z.infer<typeof answersSchema>;
