import type { Cache } from '../../platform/cache/cache.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { findStoreByHost, findStoreByPublishableKey, type StoreRow } from './store.repository.ts';

/** What a storefront request needs to know about the store it addresses. */
export type ResolvedStore = {
  tenantId: string;
  handle: string;
  name: string;
  defaultCurrency: string;
  locale: string;
  timezone: string;
};

export interface StoreResolver {
  /** By `X-Publishable-Key` when given, else by host name; null when neither names an active store. */
  resolve(by: { publishableKey?: string | undefined; host?: string | undefined }): Promise<ResolvedStore | null>;
}

const RESOLVED_TTL_SECONDS = 30;
const MISS_TTL_SECONDS = 5;

function resolved(row: StoreRow | undefined): ResolvedStore | null {
  if (!row || row.status !== 'active') return null;
  return { tenantId: row.id, handle: row.handle, name: row.name, defaultCurrency: row.defaultCurrency, locale: row.locale, timezone: row.timezone };
}

/** Host names compare without port, trailing dot or case. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Resolves storefront requests to their store in platform scope, remembered
 * briefly in the shared cache (30 s; unknown keys and hosts 5 s), so a
 * revoked key or a suspended store stops working within half a minute.
 */
export function createStoreResolver(db: Db, cache: Cache): StoreResolver {
  const lookup = async (key: string, find: (tx: Tx) => Promise<StoreRow | undefined>) => {
    const cached = await cache.get<ResolvedStore | null>(key);
    if (cached !== undefined) return cached;
    const store = resolved(await inTransaction(db, { tenantId: null, platform: true }, find));
    await cache.set(key, store, { ttlSeconds: store ? RESOLVED_TTL_SECONDS : MISS_TTL_SECONDS });
    return store;
  };
  return {
    async resolve({ publishableKey, host }) {
      if (publishableKey) {
        if (!/^pk_[A-Za-z0-9_-]{16,64}$/.test(publishableKey)) return null;
        return lookup(`tenancy:store:pk:${publishableKey}`, (tx) => findStoreByPublishableKey(tx, publishableKey));
      }
      if (!host) return null;
      const name = normaliseHost(host);
      return lookup(`tenancy:store:host:${name}`, (tx) => findStoreByHost(tx, name));
    },
  };
}
