/**
 * Writes frontmatter that every YAML parser reads the same way (the client's Bun engine, js-yaml,
 * eemeli/yaml, PyYAML): LF, no BOM, one `key: value` per line, strings double-quoted with escapes unless
 * they are plainly safe, and never three hyphens in a row (the client ends the block at the first `---`,
 * even inside a value).
 */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9._/()-]*(, ?[A-Za-z][A-Za-z0-9._/()*-]*)*$/;
const YAML11_WORDS = /^(y|yes|n|no|true|false|on|off|null|nan|inf)$/i;

/**
 * What JSON.stringify leaves raw but YAML wants escaped: DEL and C1 controls, line/paragraph separators, BOM,
 * and U+FFFE/U+FFFF, which YAML does not allow unescaped (PyYAML refuses the whole document over one).
 */
const YAML_ONLY = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** JSON text made YAML text: JSON's escapes (\" \\ \n \t \r \b \f \uXXXX, lone surrogates included) are all YAML escapes too. */
function escapeJson(json: string): string {
  return json.replace(YAML_ONLY, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A double-quoted YAML scalar; the native JSON writer does most of the work. */
export function quote(value: string): string {
  // "---" anywhere would end the client's frontmatter block early; \x2d is a hyphen to every parser.
  return escapeJson(JSON.stringify(value)).replace(/---/g, '--\\x2d');
}

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    return SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value) && !value.includes('---') ? value : quote(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : nonFinite(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? 'null';
}

/**
 * YAML's own words for what JSON writes as null: an imported `maxTurns: .inf` keeps its value (yaml,
 * js-yaml, PyYAML and the shared parser all read these back as the same number).
 */
const nonFinite = (value: number): string => (Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf');

/**
 * Flow-style JSON is valid YAML 1.2 and reads the same everywhere; keys and strings are quoted.
 * A list or map holding a non-finite number (rare) is written item by item, so that number can be a YAML word.
 */
function flow(value: unknown): string {
  return escapeJson(hasNonFinite(value) ? flowJson(value) : (JSON.stringify(value) ?? 'null')).replace(/---/g, '--\\u002d');
}

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  return isPlainMap(value) && Object.values(value).some(hasNonFinite);
}

const isPlainMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** JSON.stringify's text, except that non-finite numbers are YAML's words (lists and plain maps are walked). */
function flowJson(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return nonFinite(value);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : flowJson(item))).join(',')}]`;
  if (isPlainMap(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${flowJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Serializes an ordered list of frontmatter entries (undefined values are left out). */
export function serializeFrontmatter(entries: [string, unknown][]): string {
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const rendered = typeof value === 'object' && value !== null ? flow(value) : scalar(value);
    lines.push(`${SAFE_PLAIN.test(key) ? key : quote(key)}: ${rendered}`);
  }
  return lines.join('\n');
}
