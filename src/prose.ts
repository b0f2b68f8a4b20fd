/** Joins a list as prose: "a", "a and b", "a, b and c" (or "a, b or c" with `or`). */
export function prose(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
