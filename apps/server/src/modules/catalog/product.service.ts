import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { notFound, storeOf, type CatalogDeps } from './catalog.deps.ts';
import { countCategories } from './category.repository.ts';
import { sanitiseDescription } from './description-sanitiser.ts';
import * as repo from './product.repository.ts';
import { nextFreeSlug, slugify } from './slug.ts';
import { insertVariants } from './variant.repository.ts';
import { detail, view, type ProductDetailView, type ProductView } from './product-view.ts';
import { assertSkusFree, checkCurrency, storeCurrency, variantFields, violatedConstraint, type VariantInput } from './variant-rules.ts';

export interface ProductPatch {
  name?: string | undefined;
  slug?: string | undefined;
  description?: string | undefined;
  status?: repo.ProductRow['status'] | undefined;
  publishedAt?: string | null | undefined;
  featured?: boolean | undefined;
  brandId?: string | null | undefined;
  categoryIds?: string[] | undefined;
  tags?: string[] | undefined;
  attributes?: Record<string, string> | undefined;
  seoTitle?: string | null | undefined;
  seoDescription?: string | null | undefined;
}
export interface ProductInput extends ProductPatch {
  name: string;
  variants: VariantInput[];
}
const slugTaken = (slug: string) => new DomainError('CATALOG_PRODUCT_SLUG_TAKEN', `Another product uses or used the slug "${slug}".`, [{ path: 'body.slug', message: 'is already in use' }]);

async function checkLinks(tx: Tx, tenantId: string, input: ProductPatch): Promise<void> {
  if (input.brandId && !(await repo.brandExists(tx, tenantId, input.brandId))) {
    throw new DomainError('CATALOG_BRAND_UNKNOWN', 'The brand is not one of this store.', [{ path: 'body.brandId', message: 'is not a brand of this store' }]);
  }
  const ids = [...new Set(input.categoryIds ?? [])];
  if ((await countCategories(tx, tenantId, ids)) !== ids.length) {
    throw new DomainError('CATALOG_CATEGORY_UNKNOWN', 'A category is not one of this store.', [{ path: 'body.categoryIds', message: 'names a category this store does not have' }]);
  }
}

/** The slug to use: the one asked for (refused when another product has or had it), or one made from the name. */
async function chooseSlug(tx: Tx, tenantId: string, name: string, wanted: string | undefined, productId?: string): Promise<string> {
  const base = wanted ?? slugify(name);
  await repo.lockSlugBase(tx, tenantId, base);
  const taken = await repo.productSlugsLike(tx, tenantId, base, productId);
  if (wanted !== undefined && taken.includes(wanted)) throw slugTaken(wanted);
  return nextFreeSlug(base, taken);
}

/** Columns from a patch: description sanitised, publishing stamped when a product first goes active. */
export function productFields(p: ProductPatch, before?: repo.ProductRow): Partial<repo.ProductFields> {
  const { categoryIds: _c, slug: _s, publishedAt, description, ...plain } = p;
  const out: Partial<repo.ProductFields> = { ...plain };
  if (description !== undefined) out.description = sanitiseDescription(description);
  if (publishedAt !== undefined) out.publishedAt = publishedAt === null ? null : new Date(publishedAt);
  else if (p.status === 'active' && !before?.publishedAt) out.publishedAt = new Date();
  return out;
}

async function translated<T>(work: () => Promise<T>, slug: string | undefined): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = violatedConstraint(err);
    if (constraint === 'variants_tenant_sku_key') throw new DomainError('CATALOG_SKU_TAKEN', 'A SKU of this product was just taken by another variant of this store.', [{ path: 'body.variants', message: 'has a SKU already in use' }]);
    if (constraint === 'products_tenant_slug_key' || constraint === 'product_slug_redirects_tenant_slug_key') throw slugTaken(slug ?? '');
    throw err;
  }
}

/** Products with their variants, categories, slugs and publishing state. */
export function createProductService({ db, media }: CatalogDeps) {
  return {
    async get(ctx: Ctx, id: string): Promise<ProductDetailView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.findProduct(tx, tenantId, id);
        if (!row) throw notFound('product');
        return detail(tx, tenantId, row, media?.urls);
      });
    },
    async list(ctx: Ctx, filters: repo.ProductFilters, page: PageQuery): Promise<Page<ProductView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listProducts(tx, tenantId, filters, page)), page.limit, view);
    },
    /** The product and its variants in one transaction; several variants need option values to tell them apart. */
    async create(ctx: Ctx, input: ProductInput, origin: AuditOrigin = {}): Promise<ProductDetailView> {
      const tenantId = storeOf(ctx);
      if (input.variants.length > 1) {
        const i = input.variants.findIndex((v) => Object.keys(v.optionValues ?? {}).length === 0);
        if (i >= 0) throw new DomainError('CATALOG_VARIANT_OPTIONS_REQUIRED', 'With several variants, each needs option values.', [{ path: `body.variants.${i}.optionValues`, message: 'must not be empty' }]);
      }
      return translated(
        () =>
          inTransaction(db, { tenantId }, async (tx) => {
            const currency = await storeCurrency(tx, tenantId);
            input.variants.forEach((v, i) => checkCurrency(v, currency, `body.variants.${i}`));
            await assertSkusFree(tx, tenantId, input.variants.map((v, i) => ({ sku: v.sku, path: `body.variants.${i}.sku` })));
            await checkLinks(tx, tenantId, input);
            const slug = await chooseSlug(tx, tenantId, input.name, input.slug);
            const { variants: _variants, ...fields } = input;
            const row = await repo.insertProduct(tx, tenantId, { ...productFields(fields), name: input.name, slug });
            await repo.setCategories(tx, tenantId, row.id, [...new Set(input.categoryIds ?? [])]);
            await insertVariants(tx, tenantId, row.id, input.variants.map((v, i) => ({ position: i, ...variantFields(v), sku: v.sku, priceAmount: v.price.amount, currency })));
            const made = await detail(tx, tenantId, row, media?.urls);
            await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'product.created', targetType: 'product', targetId: row.id, changes: { after: made } });
            return made;
          }),
        input.slug,
      );
    },
    /** A new name makes a new slug unless one is given; the old slug keeps redirecting to the product. */
    async update(ctx: Ctx, id: string, patch: ProductPatch, origin: AuditOrigin = {}, action = 'product.updated'): Promise<ProductDetailView> {
      const tenantId = storeOf(ctx);
      return translated(
        () =>
          inTransaction(db, { tenantId }, async (tx) => {
            const before = await repo.lockProduct(tx, tenantId, id);
            if (!before) throw notFound('product');
            await checkLinks(tx, tenantId, patch);
            const renamed = patch.name !== undefined && patch.name !== before.name;
            const slug = patch.slug !== undefined || renamed ? await chooseSlug(tx, tenantId, patch.name ?? before.name, patch.slug, id) : before.slug;
            if (slug !== before.slug) await repo.redirectSlug(tx, tenantId, id, before.slug, slug);
            const row = await repo.updateProduct(tx, tenantId, id, { ...productFields(patch, before), slug });
            if (patch.categoryIds) await repo.setCategories(tx, tenantId, id, [...new Set(patch.categoryIds)]);
            await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action, targetType: 'product', targetId: id, changes: { before: view(before), after: view(row) } });
            return detail(tx, tenantId, row, media?.urls);
          }),
        patch.slug,
      );
    },
    async archive(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<ProductDetailView> {
      return this.update(ctx, id, { status: 'archived' }, origin, 'product.archived');
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
