import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { decideIpAccess, enforcedRules, type EnforcedIpRule, type IpDecision } from './ip-decision.ts';
import { listEnforcedIpRules } from './ip-rule.repository.ts';

/**
 * How long an instance trusts the rules it read. A change made through this
 * instance (routes, CLI in the same process, blockIp) is seen at once; other
 * instances see it within this time, when their copy expires.
 */
const CACHE_TTL_MS = 15_000;
/**
 * blockIp() announces a change before its caller's transaction commits; reads
 * in the next moments may still see the old rules, so they are not kept.
 */
const UNCACHED_AFTER_CHANGE_MS = 2_000;
const MAX_CACHED_LAYERS = 10_000;

type Listener = (tenantId: string | null) => void;
const listeners = new Set<Listener>();

/** Tells every rule cache of this process that a store's rules (null: the platform-wide ones) changed. */
export function ipRulesChanged(tenantId: string | null): void {
  for (const listener of listeners) listener(tenantId);
}

export interface IpAccess {
  /** The platform-wide rules, and the store's when a store is given. */
  decide(ip: string, tenantId: string | null): Promise<IpDecision>;
  close(): void;
}

export function createIpAccess(db: Db, ttlMs = CACHE_TTL_MS): IpAccess {
  const cached = new Map<string, { rules: EnforcedIpRule[]; loadedAt: number }>();
  const loading = new Map<string, Promise<EnforcedIpRule[]>>();
  const uncachedUntil = new Map<string, number>();
  const keyOf = (tenantId: string | null) => tenantId ?? '(platform)';

  function layer(tenantId: string | null): Promise<EnforcedIpRule[]> {
    const key = keyOf(tenantId);
    const started = Date.now();
    const hit = cached.get(key);
    if (hit && started - hit.loadedAt < ttlMs) return Promise.resolve(hit.rules);
    const pending = loading.get(key);
    if (pending) return pending;
    // Expired rules are filtered at decision time too, so a cached block ends exactly when it should.
    const load = inTransaction(db, { tenantId }, async (tx) => enforcedRules(await listEnforcedIpRules(tx, tenantId)))
      .then((rules) => {
        if (started >= (uncachedUntil.get(key) ?? 0)) {
          uncachedUntil.delete(key);
          if (cached.size >= MAX_CACHED_LAYERS) cached.clear();
          cached.set(key, { rules, loadedAt: started });
        }
        return rules;
      })
      .finally(() => {
        if (loading.get(key) === load) loading.delete(key);
      });
    loading.set(key, load);
    return load;
  }

  const forget: Listener = (tenantId) => {
    const key = keyOf(tenantId);
    cached.delete(key);
    loading.delete(key);
    uncachedUntil.set(key, Date.now() + UNCACHED_AFTER_CHANGE_MS);
  };
  listeners.add(forget);

  return {
    async decide(ip, tenantId) {
      const layers = await Promise.all([layer(null), tenantId ? layer(tenantId) : Promise.resolve([])]);
      return decideIpAccess(ip, layers);
    },
    close: () => void listeners.delete(forget),
  };
}
