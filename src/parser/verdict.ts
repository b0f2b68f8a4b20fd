import type { Verdict } from './types.js';

/** The client reads at most this many bytes of an agent file; a larger file is ignored. */
export const MAX_FILE_BYTES = 1_048_576;
/** Longest `name` the client accepts, in UTF-16 code units (measured with the real client: 256 loads, 257 is skipped). */
export const MAX_NAME_LENGTH = 256;

/**
 * The name as the client shows it (in /agents and its logs): control and format characters become
 * spaces, runs of white space one space, trimmed, at most 200 characters; then unassigned and
 * private-use code points written as `\uXXXX` escapes (measured). The agent is still registered under
 * the raw name.
 */
export function shownName(name: string): string {
  return (
    name
      .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
      // Unassigned and private-use code points (and lone surrogates) are shown escaped, UTF-16 unit by unit.
      .replace(/[\p{Cn}\p{Co}\p{Cs}]/gu, escapeUnits)
  );
}

/** `\uXXXX` for each UTF-16 unit, as the client's log writes them. */
const escapeUnits = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** Events whose hooks the client refuses to find outside `hooks:` (it drops the whole agent). */
const GUARDED_EVENTS = ['PreToolUse', 'PermissionRequest'];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The client's checks once the frontmatter is read, in its order. `data` is the parsed frontmatter
 * ({} when it did not parse into a map).
 */
export function fieldVerdict(data: Record<string, unknown>): Verdict {
  const { name, description } = data;
  // A falsy name (missing, empty, 0, false, null) means "a reference document", silently.
  if (!name) return { kind: 'not-an-agent', reason: 'the frontmatter has no name' };
  if (typeof name !== 'string') return { kind: 'skipped', reason: 'Missing required "name" field in frontmatter' };
  if (name.startsWith('-')) return { kind: 'skipped', reason: 'Invalid "name": names must not start with "-"' };
  if (name.length > MAX_NAME_LENGTH) {
    return { kind: 'skipped', reason: `Invalid "name": names must be at most ${MAX_NAME_LENGTH} characters` };
  }
  // NFKC folds look-alikes such as the fullwidth colon into `:`; plain ASCII needs no folding.
  if ((/^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKC')).includes(':')) {
    return { kind: 'skipped', reason: 'Invalid "name": names must not contain ":" (reserved for plugin namespacing)' };
  }
  if (!description || typeof description !== 'string') {
    return { kind: 'skipped', reason: 'Missing required "description" field in frontmatter' };
  }
  const hooksProblem = hooksVerdict(data);
  // The client says only "Unknown parsing error" for any hooks its schema rejects; the detail says which.
  if (hooksProblem) return { kind: 'skipped', reason: 'Unknown parsing error', detail: hooksProblem };
  return { kind: 'loaded', name: shownName(name), registeredName: name };
}

function hooksVerdict(data: Record<string, unknown>): string | undefined {
  for (const event of GUARDED_EVENTS) {
    const value = data[event];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) {
      return `${event} is declared at the frontmatter top level, outside "hooks"`;
    }
  }
  const { hooks } = data;
  if (!hooks) return undefined;
  if (!isPlainObject(hooks)) {
    return `hooks: must be an object mapping event names to matcher arrays; received ${Array.isArray(hooks) ? 'a list' : typeof hooks}`;
  }
  // Other keys (`matcher`, `hooks`, unknown events) are events the client ignores; only guarded ones are validated.
  for (const [event, matchers] of Object.entries(hooks)) {
    if (!GUARDED_EVENTS.includes(event) || matchers === null) continue;
    if (!Array.isArray(matchers)) return `hooks.${event}: must be an array of matchers`;
    for (const matcher of matchers) {
      const problem = matcherProblem(matcher);
      if (problem) return `hooks.${event}: ${problem}`;
    }
  }
  return undefined;
}

/** The string field each hook type needs, as the client's hook schema has it. */
const HOOK_FIELDS: Record<string, string> = { command: 'command', prompt: 'prompt', agent: 'prompt', http: 'url' };

/** What the client's schema rejects in one matcher of a guarded event (observed with the real client). */
function matcherProblem(matcher: unknown): string | undefined {
  if (!isPlainObject(matcher)) return 'each matcher must be a map with a hooks list';
  if ('matcher' in matcher && typeof matcher.matcher !== 'string') return 'matcher must be a string';
  if (!Array.isArray(matcher.hooks)) return 'each matcher needs a hooks list';
  for (const hook of matcher.hooks) {
    const field = isPlainObject(hook) && typeof hook.type === 'string' ? HOOK_FIELDS[hook.type] : undefined;
    if (!isPlainObject(hook) || !field || typeof hook[field] !== 'string') {
      return `each hook needs a type (${Object.keys(HOOK_FIELDS).join(', ')}) and its string field (command, prompt or url)`;
    }
    if (hook.timeout !== undefined && typeof hook.timeout !== 'number') return 'a hook timeout must be a number';
  }
  return undefined;
}
