import type { Verdict } from './types.js';

/** The client reads at most this many bytes of an agent file; a larger file is ignored. */
export const MAX_FILE_BYTES = 1_048_576;
/** Longest `name` the client accepts, in UTF-16 code units (measured with the real client: 256 loads, 257 is skipped). */
export const MAX_NAME_LENGTH = 256;

/**
 * The name as the client shows it (in /agents and its logs): control and format characters become
 * spaces, runs of white space one space, trimmed, at most 200 characters; then unassigned,
 * private-use and other default-ignorable code points written as `\uXXXX` escapes (measured). The
 * agent is still registered under the raw name.
 */
export function shownName(name: string): string {
  // Printable ASCII words with single spaces between them, as almost every name is: nothing to change.
  // (Three regexes per file otherwise, two over Unicode classes, each compiled on first use while the check is cold.)
  if (name.length <= 200 && PLAIN_NAME.test(name)) return name;
  return (
    name
      .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
      // Unassigned and private-use code points (and lone surrogates) are shown escaped, UTF-16 unit by unit;
      // so are the other default-ignorable ones (variation selectors, U+034F, Hangul fillers; measured).
      .replace(/[\p{Cn}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu, escapeUnits)
  );
}

const PLAIN_NAME = /^[!-~]+(?: [!-~]+)*$/;

/** `\uXXXX` for each UTF-16 unit, as the client's log writes them. */
const escapeUnits = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/**
 * maxTurns as the client reads it (its code, checked with its debug log): a number must be a whole number
 * above 0; anything else is made text and trimmed, then read as a number in exponent form (`1e3`), as a
 * number grouped in thousands (`5,000`, `5_000`, `5 000`), or else by parseInt, which takes the leading
 * whole number and ignores the rest (`5abc` and `12 turns` are 5 and 12, `0x10` is 0). What is not a whole
 * number above 0 the client logs as invalid and ignores; undefined then (and for an empty value).
 */
export function clientMaxTurns(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const read = typeof value === 'number' ? value : leadingInteger(String(value));
  return Number.isInteger(read) && read > 0 ? read : undefined;
}

const EXPONENT = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/;
const GROUPED = /^[+-]?\d{1,3}([_,\u00A0\u202F ])\d{3}(?:\1\d{3})*$/;
const GROUP_SEPARATORS = /[_,\u00A0\u202F ]/g;

function leadingInteger(written: string): number {
  const text = written.trim();
  if (text.length <= 32) {
    if (EXPONENT.test(text)) {
      const number = Number(text);
      return Number.isInteger(number) ? number : Number.NaN;
    }
    if (GROUPED.test(text)) return Number.parseInt(text.replace(GROUP_SEPARATORS, ''), 10);
  }
  return Number.parseInt(text, 10);
}

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
    if (nonEmpty(value)) {
      return `${event} is declared at the frontmatter top level, outside "hooks"`;
    }
  }
  const { hooks } = data;
  if (!hooks) return misplacedHooks(data);
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
  return misplacedHooks(data);
}

/** Hook events the client knows (measured: a map holding one of these is not taken for a stray matcher). */
const HOOK_EVENTS = new Set([
  'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'PermissionDenied', 'Notification',
  'UserPromptSubmit', 'UserPromptExpansion', 'SessionStart', 'SessionEnd', 'Setup', 'Stop', 'StopFailure',
  'SubagentStart', 'SubagentStop', 'PreCompact', 'PostCompact', 'TeammateIdle', 'TaskCreated', 'TaskCompleted',
  'ConfigChange', 'CwdChanged', 'FileChanged', 'InstructionsLoaded', 'Elicitation', 'ElicitationResult',
  'WorktreeCreate', 'WorktreeRemove',
]);
/** The client looks for hooks this many levels deep (maps and lists both count), and no deeper. */
const HOOK_SCAN_DEPTH = 4;

const nonEmpty = (value: unknown): boolean => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** Keys whose values the client does not search for hooks, at any depth outside `hooks:` (measured). */
const UNSEARCHED = new Set(['mcpServers', 'metadata']);

/**
 * Hooks written where the client does not expect them, below the top level. The client refuses the whole
 * file ("Unknown parsing error") when, in a map up to HOOK_SCAN_DEPTH levels down, it finds
 * - a guarded event (PreToolUse, PermissionRequest) with a value, anywhere but as a key of `hooks:` itself;
 * - a stray matcher: a map with `matcher` and a non-empty `hooks` list or map, or a non-empty `hooks` list
 *   (or a single hook, a map with a string `type`) in a map that holds no known event.
 * Not searched: anything under `mcpServers` or `metadata` (outside `hooks:`); for stray matchers,
 * anything under a known event's key, and the lists of `hooks:` itself (its matchers). `hooks:` is
 * searched from its own level.
 * Modelled on about 200 files asked of the client (tests/fixtures/oracle/*-hooks-*), then checked on 1,200
 * random nested ones.
 */
function misplacedHooks(data: Record<string, unknown>): string | undefined {
  // Aliases share values: each value is searched once per depth and place (13 million aliased nodes took
  // 2.5 s unshared; the YAML reader allows up to 2^24).
  const clean = new WeakMap<object, Set<string>>();
  for (const [key, value] of Object.entries(data)) {
    if (UNSEARCHED.has(key) || key === 'hooks') continue;
    const found = searchHooks(value, 1, `${key}`, { inHooks: false, matchersAllowed: HOOK_EVENTS.has(key) }, clean);
    if (found) return found;
  }
  return isPlainObject(data.hooks) ? searchHooks(data.hooks, 0, 'hooks', { inHooks: true, matchersAllowed: false, hooksMap: true }, clean) : undefined;
}

function strayMatcher(node: Record<string, unknown>): boolean {
  const { hooks } = node;
  const list = Array.isArray(hooks) && hooks.length > 0;
  if ('matcher' in node) return list || (isPlainObject(hooks) && Object.keys(hooks).length > 0);
  // A single hook (a map with a string `type`) where the list of hooks belongs counts as a list.
  const single = isPlainObject(hooks) && typeof hooks.type === 'string';
  return (list || single) && !Object.keys(node).some((key) => HOOK_EVENTS.has(key));
}

interface HookSearch {
  inHooks: boolean;
  matchersAllowed: boolean;
  hooksMap?: boolean;
}

function searchHooks(node: unknown, depth: number, path: string, where: HookSearch, clean: WeakMap<object, Set<string>>): string | undefined {
  if (depth > HOOK_SCAN_DEPTH || typeof node !== 'object' || node === null) return undefined;
  // Searched before here, and found clean (a finding ends the whole search).
  const place = `${depth} ${where.inHooks} ${where.matchersAllowed} ${where.hooksMap === true}`;
  const seen = clean.get(node);
  if (seen?.has(place)) return undefined;
  if (seen) seen.add(place);
  else clean.set(node, new Set([place]));
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = searchHooks(node[i], depth + 1, `${path}[${i}]`, { ...where, hooksMap: false }, clean);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(node)) return undefined;
  if (!where.hooksMap) {
    const guarded = GUARDED_EVENTS.find((event) => nonEmpty(node[event]));
    if (guarded) return `${path}.${guarded}: a ${guarded} hook outside "hooks"`;
  }
  if (!where.matchersAllowed && strayMatcher(node)) return `${path}: a matcher with hooks outside an event of "hooks"`;
  for (const [key, value] of Object.entries(node)) {
    if (UNSEARCHED.has(key) && !where.inHooks) continue;
    const matchersAllowed = where.matchersAllowed || HOOK_EVENTS.has(key) || (where.hooksMap === true && Array.isArray(value));
    const found = searchHooks(value, depth + 1, `${path}.${key}`, { inHooks: where.inHooks, matchersAllowed }, clean);
    if (found) return found;
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
