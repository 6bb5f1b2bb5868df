/**
 * A bounded in-process cache (least recently used entry evicted first) for values derived from immutable inputs:
 * parsed public keys, verified signatures. A Map keeps insertion order, so the first key is the least recently used.
 */
export interface LruCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  readonly size: number;
}

export function createLruCache<K, V>(maxEntries: number): LruCache<K, V> {
  if (!(maxEntries >= 1)) throw new RangeError("maxEntries must be at least 1");
  const map = new Map<K, V>();
  return {
    get(key) {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > maxEntries) map.delete(map.keys().next().value as K);
    },
    get size() {
      return map.size;
    },
  };
}
