// Plain constants shared by prompts, flags and schemas; kept free of zod so the prompt path starts fast.

/** Tool presets for least privilege; any other value is taken as a comma-separated list of tools. */
export const TOOL_PRESETS = {
  'read-only': 'Read, Grep, Glob',
  edit: 'Read, Edit, Write, Grep, Glob',
  full: 'Read, Edit, Write, MultiEdit, Bash, Grep, Glob, WebFetch, TodoWrite',
} as const;

/** The house sections a spec may give as verbatim Markdown (import fills these). */
export const RAW_SECTIONS = ['identity', 'responsibilities', 'methodology', 'quality', 'output', 'edgeCases', 'closing'] as const;
export type RawSection = (typeof RAW_SECTIONS)[number];

/** The answer names a person or a flag can give (the prompts), in prompt order. */
export const PROMPTED = ['specialty', 'name', 'title', 'focus', 'frameworks', 'datastores', 'areas', 'model', 'color', 'tools', 'exampleCount'] as const;

/**
 * The frontmatter keys agentsmith writes from answers of their own (name, description, tools, model,
 * color): a spec sets them with those answers, never under `frontmatter`.
 */
export const STANDARD_FRONTMATTER = ['name', 'description', 'tools', 'model', 'color'] as const;
