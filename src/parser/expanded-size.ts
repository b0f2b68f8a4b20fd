/** Bun refuses documents whose aliases expand to more nodes than this. */
export const MAX_EXPANDED_NODES = 2 ** 24;

/** Size of a value with every shared (aliased) node counted each time it is reached, memoized. */
export function expandedSize(value: unknown, memo = new Map<object, number>()): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, 1); // a cycle counts once
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    size += expandedSize(child, memo);
    if (size > MAX_EXPANDED_NODES) break;
  }
  memo.set(value, size);
  return size;
}
