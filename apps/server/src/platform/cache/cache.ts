/** What a cache or a channel carries: plain JSON. Absent (undefined) properties are dropped, as JSON.stringify does. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export interface CacheSetOptions {
  /** How long the entry lives; fractions of a second are allowed. */
  ttlSeconds: number;
  /** Names to invalidate this entry by later, e.g. `catalog:<tenantId>`. */
  tags?: readonly string[];
}

/**
 * A shared cache of JSON values (Redis when configured, else this process).
 * Reads and writes are best effort: when the store is away, get misses and
 * set does nothing, so callers simply load from the database. Deletes and
 * tag invalidation do throw, so a caller knows an entry may outlive its data
 * (until its TTL).
 */
export interface Cache {
  /** The caller vouches that T is what it stored under this key. */
  get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>;
  set(key: string, value: JsonValue, options: CacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every entry set with this tag. */
  invalidateTag(tag: string): Promise<void>;
}
