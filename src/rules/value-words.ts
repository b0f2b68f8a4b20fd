/** A frontmatter value in words for a message: `5 (a number)`, `true (a boolean)`, `[1] (a list)`. */
export function valueInWords(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;
  return `${JSON.stringify(value) ?? String(value)} (${kind})`;
}
