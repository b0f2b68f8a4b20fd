import type { AgentSettings, Frontmatter } from './types.js';
import { clientMaxTurns } from './verdict.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A tools field as the client reads it: a comma-separated string (commas inside parentheses kept) or a list of strings. */
export function splitTools(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean);
  if (typeof value !== 'string') return undefined;
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const char = value[i];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if ((char === ',' && depth === 0) || i === value.length) {
      const item = value.slice(start, i).trim();
      if (item) out.push(item);
      start = i + 1;
    }
  }
  return out;
}

/**
 * The frontmatter as typed settings: each known field with the type the client uses, undefined when
 * missing or of another type (the raw value stays in `frontmatter` and `fields`).
 */
export function settingsOf(data: Frontmatter, description: string | undefined): AgentSettings {
  return {
    name: text(data.name),
    description,
    tools: splitTools(data.tools),
    disallowedTools: splitTools(data.disallowedTools),
    model: text(data.model),
    color: text(data.color),
    permissionMode: text(data.permissionMode),
    effort: typeof data.effort === 'number' ? data.effort : text(data.effort),
    memory: text(data.memory),
    isolation: text(data.isolation),
    maxTurns: clientMaxTurns(data.maxTurns),
    skills: splitTools(data.skills),
    background: data.background === true || data.background === 'true',
    initialPrompt: text(data.initialPrompt),
  };
}
