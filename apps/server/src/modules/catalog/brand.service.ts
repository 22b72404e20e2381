import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { isUniqueViolation, notFound, storeOf, type CatalogDeps } from './catalog.deps.ts';
import * as repo from './brand.repository.ts';
import { nextFreeSlug, slugify } from './slug.ts';

export interface BrandView {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
  updatedAt: string;
}
export interface BrandInput {
  name: string;
  slug?: string | undefined;
}

const view = (r: repo.BrandRow): BrandView => ({ id: r.id, name: r.name, slug: r.slug, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

async function guarded<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('CATALOG_BRAND_SLUG_TAKEN', `Another brand has the slug "${slug ?? ''}".`, [{ path: 'body.slug', message: 'is already in use' }]);
    throw err;
  }
}

/** Brands of a store; deleting one leaves its products without a brand. */
export function createBrandService({ db }: CatalogDeps) {
  return {
    async get(ctx: Ctx, id: string): Promise<BrandView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findBrand(tx, tenantId, id));
      if (!row) throw notFound('brand');
      return view(row);
    },
    async list(ctx: Ctx, page: PageQuery): Promise<Page<BrandView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listBrands(tx, tenantId, page)), page.limit, view);
    },
    async create(ctx: Ctx, input: BrandInput, origin: AuditOrigin = {}): Promise<BrandView> {
      const tenantId = storeOf(ctx);
      return guarded(input.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const base = slugify(input.name);
          const slug = input.slug ?? nextFreeSlug(base, await repo.brandSlugsLike(tx, tenantId, base));
          const row = await repo.insertBrand(tx, { id: uuidv7(), tenantId, name: input.name, slug });
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'brand.created', targetType: 'brand', targetId: row.id, changes: { after: view(row) } });
          return view(row);
        }),
      );
    },
    async update(ctx: Ctx, id: string, patch: Partial<BrandInput>, origin: AuditOrigin = {}): Promise<BrandView> {
      const tenantId = storeOf(ctx);
      return guarded(patch.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const before = await repo.findBrand(tx, tenantId, id);
          if (!before) throw notFound('brand');
          const row = (await repo.updateBrand(tx, tenantId, id, patch))!;
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'brand.updated', targetType: 'brand', targetId: id, changes: { before: view(before), after: view(row) } });
          return view(row);
        }),
      );
    },
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.deleteBrand(tx, tenantId, id);
        if (!row) throw notFound('brand');
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'brand.deleted', targetType: 'brand', targetId: id, changes: { before: view(row) } });
      });
    },
  };
}

export type BrandService = ReturnType<typeof createBrandService>;
