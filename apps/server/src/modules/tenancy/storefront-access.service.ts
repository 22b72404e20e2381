import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { normaliseHost } from './store-resolver.ts';
import { newPublishableKey } from './store.service.ts';
import * as repo from './storefront-access.repository.ts';

export interface PublishableKeyView {
  id: string;
  name: string;
  token: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface StoreDomainView {
  id: string;
  host: string;
  createdAt: string;
}

const keyView = (r: repo.PublishableKeyRow): PublishableKeyView => ({
  id: r.id,
  name: r.name,
  token: r.token,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});
const domainView = (r: repo.StoreDomainRow): StoreDomainView => ({ id: r.id, host: r.host, createdAt: r.createdAt.toISOString() });

/** A host name as a browser sends it: labels of a-z, 0-9 and hyphens, at least one dot. */
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * How shoppers reach a store: publishable keys (public, storefront scope only)
 * and host names mapped to it. The storefront resolver caches both for up to
 * 30 s, so a revoked key or removed host stops working within that time.
 */
export function createStorefrontAccessService(db: Db) {
  const tenantOf = (ctx: Ctx) => {
    if (!ctx.tenantId) throw new Error('storefront access needs a store context');
    return ctx.tenantId;
  };
  return {
    async listKeys(ctx: Ctx, page: PageQuery): Promise<Page<PublishableKeyView>> {
      const tenantId = tenantOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => repo.listPublishableKeys(tx, tenantId, page));
      return pageOf(rows, page.limit, keyView);
    },
    async createKey(ctx: Ctx, name: string, origin: AuditOrigin): Promise<PublishableKeyView> {
      const tenantId = tenantOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.insertPublishableKeyRow(tx, { id: uuidv7(), tenantId, name, token: newPublishableKey() });
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'publishable_key.created', targetType: 'publishable_key', targetId: row.id, changes: { after: { name } } });
        return keyView(row);
      });
    },
    async revokeKey(ctx: Ctx, id: string, origin: AuditOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.revokePublishableKey(tx, tenantId, id);
        if (!row) throw new DomainError('TENANCY_PUBLISHABLE_KEY_NOT_FOUND', 'No live publishable key with this id in this store.');
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'publishable_key.revoked', targetType: 'publishable_key', targetId: id });
      });
    },
    async listDomains(ctx: Ctx, page: PageQuery): Promise<Page<StoreDomainView>> {
      const tenantId = tenantOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => repo.listStoreDomains(tx, tenantId, page));
      return pageOf(rows, page.limit, domainView);
    },
    async addDomain(ctx: Ctx, rawHost: string, origin: AuditOrigin): Promise<StoreDomainView> {
      const tenantId = tenantOf(ctx);
      const host = normaliseHost(rawHost);
      if (!HOST.test(host)) throw new DomainError('TENANCY_DOMAIN_INVALID', `"${rawHost}" is not a host name.`, [{ path: 'body.host', message: 'is not a host name such as shop.example.com' }]);
      // The unique index sees every store's hosts, whatever row-level security shows this one.
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.insertStoreDomain(tx, { id: uuidv7(), tenantId, host });
        if (!row) throw new DomainError('TENANCY_DOMAIN_TAKEN', `${host} is already mapped to a store.`, [{ path: 'body.host', message: 'is already in use' }]);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'store_domain.added', targetType: 'store_domain', targetId: row.id, changes: { after: { host } } });
        return domainView(row);
      });
    },
    async removeDomain(ctx: Ctx, id: string, origin: AuditOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.deleteStoreDomain(tx, tenantId, id);
        if (!row) throw new DomainError('TENANCY_DOMAIN_NOT_FOUND', 'No host name with this id in this store.');
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'store_domain.removed', targetType: 'store_domain', targetId: id, changes: { before: { host: row.host } } });
      });
    },
  };
}

export type StorefrontAccessService = ReturnType<typeof createStorefrontAccessService>;
