import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { storeOf, type InventoryDeps } from './inventory.deps.ts';
import * as repo from './location.repository.ts';

export interface LocationView {
  id: string;
  name: string;
  kind: repo.LocationRow['kind'];
  isDefault: boolean;
  createdAt: string;
}

const view = (r: repo.LocationRow): LocationView => ({ id: r.id, name: r.name, kind: r.kind, isDefault: r.isDefault, createdAt: r.createdAt.toISOString() });

/** The store's default location, made on first use. */
export async function defaultLocationId(tx: Tx, tenantId: string): Promise<string> {
  const found = await repo.findDefaultLocation(tx, tenantId);
  if (found) return found.id;
  await repo.insertDefaultLocation(tx, tenantId);
  const made = await repo.findDefaultLocation(tx, tenantId);
  if (!made) throw new DomainError('INVENTORY_DEFAULT_LOCATION_CONFLICT', `A location named "${repo.DEFAULT_LOCATION_NAME}" exists but is not the default; rename it.`);
  return made.id;
}

export function createLocationService({ db }: InventoryDeps) {
  return {
    async list(ctx: Ctx, page: PageQuery): Promise<Page<LocationView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        if (!page.cursor) await defaultLocationId(tx, tenantId);
        return pageOf(await repo.listLocations(tx, tenantId, page), page.limit, view);
      });
    },
    async create(ctx: Ctx, input: { name: string; kind: repo.LocationRow['kind'] }, origin: AuditOrigin = {}): Promise<LocationView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        await defaultLocationId(tx, tenantId);
        const row = await repo.insertLocation(tx, { tenantId, name: input.name, kind: input.kind, isDefault: false });
        if (!row) throw new DomainError('INVENTORY_LOCATION_TAKEN', `There is already a location named "${input.name}".`, [{ path: 'body.name', message: 'is already in use' }]);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'location.created', targetType: 'location', targetId: row.id, changes: { after: input } });
        return view(row);
      });
    },
  };
}

export type LocationService = ReturnType<typeof createLocationService>;
