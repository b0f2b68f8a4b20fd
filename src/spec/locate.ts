import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Line and column (1-based) of the node at `path` in a YAML document, or of its nearest parent. */
export function issueLocation(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): { line: number; col: number } {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return lineCounter.linePos(offset);
}

/** The path to point at for a schema issue: zod reports an unknown key on its parent, but the key is what to fix. */
export function issuePath(issue: { path: PropertyKey[]; code?: string; keys?: readonly string[] }): PropertyKey[] {
  const key = issue.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
  return key === undefined ? issue.path : [...issue.path, key];
}
