import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { aliasTargets } from './aliases.js';

// Keys as Bun builds a map from them: a list or map as a key becomes JavaScript's string of it, and
// merge keys (`<<`) merge maps only, never over a string key written before. Together because the
// merge must know which keys were lists or maps (COLLECTION_KEYS).

/**
 * A list or map used as a key becomes the string JavaScript makes of it, as in Bun: `[name]: x` sets
 * `name` ("a,b" for `[a, b]`, "[object Object]" for a map); yaml would write it as YAML text.
 */
export function stringKeys(doc: Document.Parsed): void {
  const { visit, isCollection, Scalar } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const key = new Scalar(String(pair.key.toJS(doc)));
      COLLECTION_KEYS.add(key);
      pair.key = key;
    },
  });
}

/** Keys stringKeys made of lists and maps: to Bun's merge they are no keys of the map yet. */
const COLLECTION_KEYS = new WeakSet<object>();

/**
 * Merge keys as Bun reads them (measured with the client): a `<<` key, quoted or not, merges the maps
 * its value holds (a map, an alias of one, or a list of them) and ignores anything else, where yaml stops
 * at the first source that is not a map. Rewrites the document so yaml merges only the maps.
 */
export function mergeKeys(doc: Document.Parsed): void {
  const { visit, isScalar, isSeq, isMap, isAlias } = yaml();
  // yaml's own lookup walks the document per alias: the targets are found in one pass instead.
  const targets = aliasTargets(doc);
  const resolved = (node: unknown): unknown => (isAlias(node) ? targets.get(node) : node);
  const isMergeSource = (node: unknown): boolean => isMap(resolved(node));
  visit(doc, {
    Pair(_, pair) {
      const { key } = pair;
      if (!isScalar(key) || (key.value !== '<<' && !(typeof key.value === 'symbol' && key.value.description === '<<'))) return undefined;
      const value = resolved(pair.value);
      let keep = false;
      if (isSeq(value)) {
        value.items = value.items.filter(isMergeSource);
        keep = value.items.length > 0;
      } else keep = isMap(value);
      if (!keep) return visit.REMOVE;
      // A quoted `<<` merges too: make it the plain key yaml merges on.
      key.type = 'PLAIN';
      key.value = '<<';
      return undefined;
    },
  });
  // Bun merges in a key unless a string key of that name came before; one written as a list (`[name]`)
  // is not that, so the merged value replaces it (measured; fixtures *-merge-collection-key-*).
  const name = (node: unknown): string | undefined => (isScalar(node) ? String(node.value) : undefined);
  visit(doc, {
    Map(_, map) {
      for (const pair of [...map.items]) {
        if (name(pair.key) !== '<<') continue;
        const value = resolved(pair.value);
        const merged = new Set<string | undefined>();
        for (const source of isSeq(value) ? value.items.map(resolved) : [value]) if (isMap(source)) for (const item of source.items) merged.add(name(item.key));
        const before = map.items.slice(0, map.items.indexOf(pair));
        const written = new Set(before.filter((item) => !COLLECTION_KEYS.has(item.key as object)).map((item) => name(item.key)));
        const replaced = before.filter((item) => COLLECTION_KEYS.has(item.key as object) && merged.has(name(item.key)) && !written.has(name(item.key)));
        if (replaced.length > 0) map.items = map.items.filter((item) => !replaced.includes(item));
      }
    },
  });
}
