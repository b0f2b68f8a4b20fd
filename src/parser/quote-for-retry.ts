import { parseYaml } from './parse-yaml.js';

const NEEDS_QUOTES = /[{}[\]*&#!|>%@`]|: /;
/** The client's pattern for a one-line `key: value` its retry may quote. */
export const SIMPLE_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;

/**
 * The client's one retry after a failed parse: every single-line `key: value` whose value holds a character
 * YAML would read specially is wrapped in double quotes, then leading tabs become two spaces each.
 * The patterns are the client's own (note `.` stops at `\r`, so CRLF lines are never quoted).
 */
export function quoteForRetry(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const match = SIMPLE_LINE.exec(line);
      const key = match?.[1];
      const value = match?.[2];
      if (!key || !value) return line;
      if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
        return line;
      }
      if (value.startsWith('[') && value.endsWith(']')) {
        const list = parseYaml(value);
        if (list.ok && Array.isArray(list.value)) return line;
      }
      if (!NEEDS_QUOTES.test(value)) return line;
      return `${key}: "${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    })
    .join('\n')
    .replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
}
