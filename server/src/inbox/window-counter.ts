import { LRUCache } from 'lru-cache';

/**
 * Fixed-window counters per key, in memory (one instance's view; several instances each count their own).
 * The LRU bounds memory when many keys are hit (at most `maxKeys`; the least recently used is forgotten).
 * @param max events allowed per key and window; @param windowMs window length in ms.
 */
export function createWindowCounter(max: number, windowMs: number, maxKeys = 10_000) {
  const windows = new LRUCache<string, { count: number }>({ max: maxKeys, ttl: windowMs, ttlAutopurge: false, updateAgeOnGet: false });
  return {
    /** Counts one event for `key`; false when the key already used its `max` events in this window. */
    take(key: string): boolean {
      const w = windows.get(key);
      if (!w) {
        windows.set(key, { count: 1 });
        return true;
      }
      if (w.count >= max) return false;
      w.count++;
      return true;
    },
  };
}
