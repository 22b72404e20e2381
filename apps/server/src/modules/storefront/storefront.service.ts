import type { Ctx } from '../../platform/context.ts';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import { DomainError } from '../../platform/errors.ts';
import { readStoreSettings } from '../tenancy/index.ts';
import { categoriesWithCounts, type CategoryCountRow } from './category-tree.repository.ts';
import { facetCounts } from './facets.repository.ts';
import { decodeCursor, encodeCursor } from './listing-cursor.ts';
import { listingPage, storedCards } from './listing.repository.ts';
import { productBySlug } from './product-detail.repository.ts';
import type { ListingRequest, ProductFilters } from './storefront.schemas.ts';
import { createCardRenderer } from './listing-card-render.ts';
import { productDetailView, type MediaUrl } from './storefront-views.ts';

/** A storefront answer and the moment it stops being true by time alone (the next scheduled publication), if any. */
export interface Built<T> {
  value: T;
  validUntil: Date | null;
}

export type ProductPage = { product: ReturnType<typeof productDetailView> } | { movedTo: string };

type CategoryNode = { slug: string; name: string; description: string | null; productCount: number; children: CategoryNode[] };

function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('storefront call without a store');
  return ctx.tenantId;
}

function treeOf(rows: CategoryCountRow[]): Array<CategoryNode & { position: number; id: string }> {
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, position: r.position, slug: r.slug, name: r.name, description: r.description, productCount: r.productCount, children: [] as CategoryNode[] }]));
  const roots: Array<CategoryNode & { position: number; id: string }> = [];
  // Rows come ordered by position, so children are appended in order.
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

const withoutKeys = ({ slug, name, description, productCount, children }: CategoryNode): CategoryNode => ({ slug, name, description, productCount, children: children.map(withoutKeys) });

/** The public, read-only catalog of one store: only active products published by now. */
export function createStorefrontService(reader: TenantReader, mediaUrl: MediaUrl) {
  const cards = createCardRenderer(mediaUrl);
  return {
    /** One page of the listing as JSON text: `{"data":[…cards],"nextCursor":…}`. */
    async listProducts(ctx: Ctx, request: ListingRequest): Promise<Built<string>> {
      const tenantId = storeOf(ctx);
      const { filters, sort, limit, cursor } = request;
      const page = await listingPage(reader, tenantId, filters, sort, limit, cursor);
      const settings = readStoreSettings(page.settings);
      const { ids, versions, stock } = page.value;
      const shown = ids.slice(0, limit);
      const missing = cards.missing(shown, versions);
      if (missing.length > 0) for (const card of await storedCards(reader, tenantId, missing)) cards.learn(card);
      const rendered = shown.map((id) => cards.render(id, stock, settings)).filter((card) => card !== undefined);
      const nextCursor = ids.length > limit ? encodeCursor(sort, { key: page.value.keys[limit - 1]!, id: ids[limit - 1]! }) : null;
      return { value: `{"data":[${rendered.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`, validUntil: page.nextPublicationAt };
    },

    async facets(ctx: Ctx, filters: ProductFilters) {
      const tenantId = storeOf(ctx);
      const { value, nextPublicationAt } = await facetCounts(reader, tenantId, filters);
      const attributes = new Map<string, Array<{ value: string; count: number }>>();
      for (const { name, value: v, count } of value.attributes ?? []) {
        const values = attributes.get(name) ?? [];
        if (!attributes.has(name)) attributes.set(name, values);
        // Rows come by count, most first: the long tail of one attribute is cut, not its top values.
        if (values.length < 100) values.push({ value: v, count });
      }
      return {
        value: {
          total: value.total,
          brands: value.brands ?? [],
          categories: value.categories ?? [],
          attributes: [...attributes].map(([name, values]) => ({ name, values })),
          price: value.price,
          inStock: value.inStock,
        },
        validUntil: nextPublicationAt,
      };
    },

    async productBySlug(ctx: Ctx, slug: string): Promise<Built<ProductPage>> {
      const tenantId = storeOf(ctx);
      const found = await productBySlug(reader, tenantId, slug);
      if (!found.value) throw new DomainError('STOREFRONT_PRODUCT_NOT_FOUND', `This store has no product at "${slug}".`, [{ path: 'params.slug', message: 'names no product of this store' }]);
      const value: ProductPage = 'movedTo' in found.value ? found.value : { product: productDetailView(found.value.product, readStoreSettings(found.settings), mediaUrl) };
      return { value, validUntil: found.nextPublicationAt };
    },

    async categories(ctx: Ctx, page: { limit: number; cursor?: string | undefined }): Promise<Built<{ data: CategoryNode[]; nextCursor: string | null }>> {
      const tenantId = storeOf(ctx);
      const after = page.cursor === undefined ? undefined : decodeCursor('categories', page.cursor);
      if (after === null) throw new DomainError('STOREFRONT_CURSOR_INVALID', 'The cursor is not one this list handed out.', [{ path: 'querystring.cursor', message: 'is not a cursor this list handed out' }]);
      const { value, nextPublicationAt } = await categoriesWithCounts(reader, tenantId);
      const roots = treeOf(value).filter((r) => !after || r.position > (after.key as number) || (r.position === after.key && r.id > after.id));
      const data = roots.slice(0, page.limit);
      const last = data[data.length - 1];
      const nextCursor = roots.length > page.limit && last ? encodeCursor('categories', { key: last.position, id: last.id }) : null;
      return { value: { data: data.map(withoutKeys), nextCursor }, validUntil: nextPublicationAt };
    },
  };
}

export type StorefrontService = ReturnType<typeof createStorefrontService>;
