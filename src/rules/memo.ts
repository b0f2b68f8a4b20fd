/**
 * One string per distinct message. Thousands of files repeat the same few messages ("section … is
 * missing"); handing out the same string each time saves building it, and the results store, which keeps
 * each distinct message once, finds a reused string without hashing it again.
 */
export function memo<K>(build: (key: K) => string, limit = 1000): (key: K) => string {
  const cache = new Map<K, string>();
  return (key) => {
    let message = cache.get(key);
    if (message === undefined) {
      message = build(key);
      if (cache.size < limit) cache.set(key, message);
    }
    return message;
  };
}

/** `memo` for messages that also depend on a part of the config (a new config gets its own cache). */
export function memoPer<O extends object, K>(build: (owner: O, key: K) => string, limit = 1000): (owner: O, key: K) => string {
  const caches = new WeakMap<O, (key: K) => string>();
  return (owner, key) => {
    let cached = caches.get(owner);
    if (!cached) {
      cached = memo((k: K) => build(owner, k), limit);
      caches.set(owner, cached);
    }
    return cached(key);
  };
}
