import { normaliseHost, type ResolvedStore, type StoreResolver } from '../tenancy/index.ts';

export interface StoreMemoOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Memo {
  store: ResolvedStore | null;
  expiresAt: number;
}

/**
 * A few seconds of memory in front of the store resolver, so a storefront
 * request on the hot path needs neither Redis nor the database to learn its
 * store. A change to the store row (status, settings) drops its entries at
 * once through the change notices; a revoked key or host stops working within
 * ttlMs plus the resolver's own cache time.
 */
export function memoiseStoreResolver(resolver: StoreResolver, options: StoreMemoOptions) {
  const now = options.now ?? Date.now;
  const memos = new Map<string, Memo>();

  const keyOf = (publishableKey: string | undefined, host: string | undefined) => (publishableKey ? `pk:${publishableKey}` : host ? `host:${normaliseHost(host)}` : undefined);

  return {
    async resolve(publishableKey: string | undefined, host: string | undefined): Promise<ResolvedStore | null> {
      const key = keyOf(publishableKey, host);
      if (!key) return null;
      const memo = memos.get(key);
      if (memo && memo.expiresAt > now()) return memo.store;
      const store = await resolver.resolve({ publishableKey, host });
      memos.delete(key);
      if (memos.size >= options.maxEntries) memos.delete(memos.keys().next().value as string);
      memos.set(key, { store, expiresAt: now() + options.ttlMs });
      return store;
    },
    forgetStore(tenantId: string): void {
      for (const [key, memo] of memos) if (memo.store?.tenantId === tenantId) memos.delete(key);
    },
    clear(): void {
      memos.clear();
    },
  };
}

export type StoreMemo = ReturnType<typeof memoiseStoreResolver>;
