import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { storeView, type StoreView } from './store.service.ts';
import { findStoreById, listStores, setStoreStatus, type StoreStatus } from './store.repository.ts';

export type { StoreStatus };

export interface StorePageRequest {
  status?: StoreStatus | undefined;
  limit: number;
  /** The last id of the previous page. */
  cursor?: string | undefined;
}

const notFound = () => new DomainError('TENANCY_STORE_NOT_FOUND', 'There is no store with this id.');

/**
 * The platform operator's view of every store (platform scope): list, look
 * up, suspend and reactivate. A suspended store's staff tokens, refresh
 * tokens and API keys stop working and its storefront stops resolving; its
 * data is kept, and reactivating brings everything back.
 */
export function createStoreAdminService(deps: { db: Db }) {
  const { db } = deps;
  const platform = { tenantId: null, platform: true } as const;
  return {
    listStores(_ctx: Ctx, page: StorePageRequest): Promise<{ data: StoreView[]; nextCursor: string | null }> {
      return inTransaction(db, platform, async (tx) => {
        const rows = await listStores(tx, { status: page.status, before: page.cursor, limit: page.limit });
        const data = rows.slice(0, page.limit);
        const last = data[data.length - 1];
        return { data: data.map(storeView), nextCursor: rows.length > page.limit && last ? last.id : null };
      });
    },

    getStore(_ctx: Ctx, id: string): Promise<StoreView> {
      return inTransaction(db, platform, async (tx) => {
        const row = await findStoreById(tx, id);
        if (!row) throw notFound();
        return storeView(row);
      });
    },

    /** Suspends or reactivates a store; setting the status it already has changes nothing and records nothing. */
    setStatus(ctx: Ctx, id: string, status: StoreStatus, origin: AuditOrigin = {}): Promise<StoreView> {
      return inTransaction(db, platform, async (tx) => {
        const before = await findStoreById(tx, id);
        if (!before) throw notFound();
        if (before.status === status) return storeView(before);
        const after = (await setStoreStatus(tx, id, status))!;
        const action = status === 'suspended' ? 'store.suspended' : 'store.reactivated';
        await recordAudit(tx, { requestId: ctx.requestId, ...origin, tenantId: id, actor: ctx.actor, action, targetType: 'store', targetId: id, changes: { before: { status: before.status }, after: { status } } });
        return storeView(after);
      });
    },
  };
}

export type StoreAdminService = ReturnType<typeof createStoreAdminService>;
