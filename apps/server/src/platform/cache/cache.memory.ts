import type { Cache, JsonValue } from './cache.ts';

interface Entry {
  json: string;
  expiresAt: number;
  tags: readonly string[];
}

export interface MemoryCacheOptions {
  /** Oldest-used entries are dropped beyond this many. */
  maxEntries?: number;
  now?: () => number;
}

/** The cache of one process; values are stored as JSON text so callers never share (and mutate) one object. */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const tagged = new Map<string, Set<string>>();

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const tag of entry.tags) {
      const keys = tagged.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) tagged.delete(tag);
    }
  };

  return {
    async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        remove(key);
        return undefined;
      }
      // Re-insert so Map order stays least-recently-used first.
      entries.delete(key);
      entries.set(key, entry);
      return JSON.parse(entry.json) as T;
    },
    async set(key, value, { ttlSeconds, tags = [] }) {
      remove(key);
      entries.set(key, { json: JSON.stringify(value), expiresAt: now() + ttlSeconds * 1000, tags: [...tags] });
      for (const tag of tags) {
        let keys = tagged.get(tag);
        if (!keys) tagged.set(tag, (keys = new Set()));
        keys.add(key);
      }
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        remove(oldest);
      }
    },
    async delete(key) {
      remove(key);
    },
    async invalidateTag(tag) {
      for (const key of [...(tagged.get(tag) ?? [])]) remove(key);
    },
  };
}
