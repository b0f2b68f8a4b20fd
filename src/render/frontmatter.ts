/**
 * Writes frontmatter that every YAML parser reads the same way (the client's Bun engine, js-yaml,
 * eemeli/yaml, PyYAML): LF, no BOM, one `key: value` per line, strings double-quoted with escapes unless
 * they are plainly safe, and never three hyphens in a row (the client ends the block at the first `---`,
 * even inside a value).
 */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9._/()-]*(, ?[A-Za-z][A-Za-z0-9._/()*-]*)*$/;
const YAML11_WORDS = /^(y|yes|n|no|true|false|on|off|null|nan|inf)$/i;

export function quote(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  // "---" anywhere would end the client's frontmatter block early; \x2d is a hyphen to every parser.
  return `${out.replace(/---/g, '--\\x2d')}"`;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    return SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value) && !value.includes('---') ? value : quote(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? 'null';
}

/** Flow-style JSON is valid YAML 1.2 and reads the same everywhere; keys and strings are quoted. */
function flow(value: unknown): string {
  return (JSON.stringify(value) ?? 'null')
    .replace(/---/g, '--\\u002d')
    .replace(/[\u2028\u2029\u0085]/g, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
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
