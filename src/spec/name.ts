/** House convention for names (the client itself accepts up to 256 characters). */
export const NAME_STYLE_MAX = 64;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The name rule the checker applies (name/format), as a generator check: the name is also the file
 * name, so it can never hold a path (`../x`, `/abs`, `a/b`, `.`) or be empty.
 */
export function checkName(name: string): string | undefined {
  if (name.trim() === '') return 'the name is empty; give a kebab-case name such as "api-developer".';
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    return `the name "${name}" would place the file outside the output folder; names cannot hold "/", "\\" or be "." or "..". Try "${suggestName(name)}".`;
  }
  if (name.length > NAME_STYLE_MAX) return `the name has ${name.length} characters; ${NAME_STYLE_MAX} at most.`;
  if (!KEBAB.test(name)) return `the name "${name}" is not kebab-case (lowercase letters, digits, single hyphens); try "${suggestName(name)}".`;
  return undefined;
}

/**
 * A kebab-case name close to what was typed: `API Expert` → `api-expert`. Word breaks written as case
 * become hyphens (`CodeReviewer` → `code-reviewer`, `APIHelper` → `api-helper`, `myAgent_v2` →
 * `my-agent-v2`), and accented letters lose their accents (`Über` → `uber`) instead of the letter.
 */
export function suggestName(name: string): string {
  const split = withoutAccents(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2');
  return cutAtWord(kebabCase(split), NAME_STYLE_MAX) || 'my-agent';
}

/**
 * A value in kebab-case, as spec templates write `{{kebab key}}`: lowercase, accents dropped, every run of
 * other characters one `-` (`NestJS` nestjs, `Node.js` node-js, `Spring Boot` spring-boot, `Café` cafe).
 * Unlike suggestName, case inside a word is no word break: a matrix value is a proper name.
 */
export function kebabCase(value: string): string {
  return withoutAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const withoutAccents = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '');

/** A kebab-case name of at most `max` characters, cut after its last whole word that fits (inside a word only when the first word alone is longer). */
function cutAtWord(kebab: string, max: number): string {
  if (kebab.length <= max) return kebab;
  const cut = kebab.slice(0, max + 1).replace(/-[^-]*$/, '');
  return cut.length > 0 && cut.length <= max ? cut : kebab.slice(0, max).replace(/-+$/, '');
}
