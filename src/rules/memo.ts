/**
 * A copy of `text` that shares no memory with the string it was cut from. A slice of a file's text
 * (a heading title, a key, a tools line) keeps the whole text alive; anything kept across files must be
 * a copy, or checking 10,000 different files keeps 10,000 texts. (Prefixing makes a new string;
 * slicing it flattens that into fresh memory.)
 */
export const own = (text: string): string => ` ${text}`.slice(1);

/**
 * One string per distinct message or derived value, for at most `limit` keys. Thousands of files repeat
 * the same few ("section … is missing"); handing out the same string saves building it, and the results
 * store, which keeps each distinct message once, finds a reused string without hashing it again.
 * Keys and values are kept as copies (see `own`).
 */
export function memo<K, V>(build: (key: K) => V, limit = 1000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      if (typeof value === 'string') value = own(value) as V;
      if (cache.size < limit) cache.set(typeof key === 'string' ? (own(key) as K) : key, value);
    }
    return value;
  };
}

/** `memo` for values that also depend on a part of the config (a new config gets its own cache). */
export function memoPer<O extends object, K, V>(build: (owner: O, key: K) => V, limit = 1000): (owner: O, key: K) => V {
  const caches = new WeakMap<O, (key: K) => V>();
  return (owner, key) => {
    let cached = caches.get(owner);
    if (!cached) {
      cached = memo((k: K) => build(owner, k), limit);
      caches.set(owner, cached);
    }
    return cached(key);
  };
}
