import type { Document } from 'yaml';
import type { KeyLocation } from './yaml-result.js';
import { yaml } from './yaml-engine.js';

// The document's top-level keys as the client sees them: where each stands, and Bun's name for a null key.

/** Offsets of every top-level key, in the order written (duplicates included). */
export function topLevelKeys(doc: Document.Parsed): KeyLocation[] {
  const { isMap, isNode, isScalar } = yaml();
  const contents = doc.contents;
  if (!isMap(contents)) return [];
  const keys: KeyLocation[] = [];
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const raw = isScalar(keyNode) ? keyNode.value : keyNode;
    const key = raw === null ? 'null' : String(raw ?? '');
    const keyOffset = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : 0;
    const valueNode = pair.value;
    // Any node, lists included, has a range; only a missing value falls back to the key.
    const valueOffset = isNode(valueNode) ? (valueNode.range?.[0] ?? keyOffset) : keyOffset;
    const valueType = isScalar(valueNode) && typeof valueNode.type === 'string' ? valueNode.type : undefined;
    keys.push({ key, keyOffset, valueOffset, ...(valueType ? { valueType } : {}) });
  }
  return keys;
}

/** Bun names a null key "null" where yaml names it "": only the top level matters to the client. */
export function nullKeys(doc: Document.Parsed, value: unknown): unknown {
  const { isMap, isScalar } = yaml();
  const contents = doc.contents;
  if (!isMap(contents) || typeof value !== 'object' || value === null) return value;
  const hasNullKey = contents.items.some((pair) => isScalar(pair.key) && pair.key.value === null);
  const hasEmptyKey = contents.items.some((pair) => isScalar(pair.key) && pair.key.value === '');
  if (!hasNullKey || hasEmptyKey) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key === '' ? 'null' : key, item]));
}
