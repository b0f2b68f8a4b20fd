import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/** What a key path reaches in a YAML document, for messages that point at a line. */
export interface YamlPlace {
  /** Whether every segment of the path was found. */
  complete: boolean;
  /** The key of the last map entry on the path (absent when the path ends in a list item). */
  key?: Node;
  /** The node at the end of the path (or the deepest one found). */
  node?: Node;
  /** Where the deepest segment found is written: its key in a map, the item itself in a list. */
  offset: number;
}

/**
 * Follows `path` (map keys and list indexes, as zod and our own checks report them) through a parsed YAML
 * document. A map key matches by its text (`1` matches the key `1`); a list index by its number. Shared by
 * the config (config-lines.ts) and the bulk spec (spec/locate.ts).
 */
export function yamlPlace(doc: Document, path: readonly PropertyKey[]): YamlPlace {
  let node = (doc.contents ?? undefined) as Node | undefined;
  let key: Node | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { complete: false, key, node, offset };
      key = pair.key as Node;
      node = (pair.value ?? undefined) as Node | undefined;
      offset = key.range?.[0] ?? offset;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return { complete: false, key, node, offset };
      key = undefined;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else return { complete: false, key, node, offset };
  }
  return { complete: true, key, node, offset };
}
