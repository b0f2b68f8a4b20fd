/** What kind of value a frontmatter value is, in words: `null`, `a list`, `a map`, `a number`, `a boolean`. */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

/** A frontmatter value in words for a message: `5 (a number)`, `true (a boolean)`, `[1] (a list)`. */
export function valueInWords(value: unknown): string {
  return `${JSON.stringify(value) ?? String(value)} (${kindOf(value)})`;
}
