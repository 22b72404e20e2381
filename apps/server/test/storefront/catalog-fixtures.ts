import { uuidv7 } from 'uuidv7';
import { brands, categories, productCategories, productImages, products, productSlugRedirects, variants } from '../../src/modules/catalog/catalog.tables.ts';
import { locations, stockLevels, stockMovements } from '../../src/modules/inventory/inventory.tables.ts';
import type { Database, Tx } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import type { TestApp } from '../app.ts';
import { as } from '../security/fixtures.ts';

export interface VariantSeed {
  sku: string;
  price: number;
  options?: Record<string, string>;
  compareAt?: number;
  trackStock?: boolean;
  /** Available per location, in the order of the seed's locations. */
  stock?: number[];
}

export interface ProductSeed {
  name: string;
  slug?: string;
  status?: 'draft' | 'active' | 'archived';
  /** Minutes from now; default: a day ago (minus the product's index, so "newest" has a clear order). */
  publishedInMinutes?: number | null;
  featured?: boolean;
  brand?: string;
  categories?: string[];
  attributes?: Record<string, string>;
  variants: VariantSeed[];
}

export interface SeededStore {
  tenantId: string;
  publishableKey: string;
  locationIds: string[];
  productIds: Map<string, string>;
  variantIds: Map<string, string>;
}

export async function publishableKeyOf(t: TestApp, tenantId: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/store/publishable-keys', headers: as('owner', tenantId), payload: { name: 'shop' } });
  if (res.statusCode !== 201) throw new Error(`publishable key: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

async function addStock(tx: Tx, tenantId: string, variantId: string, locationId: string, quantity: number): Promise<void> {
  await tx.insert(stockLevels).values({ id: uuidv7(), tenantId, variantId, locationId, onHand: quantity });
  if (quantity !== 0) await tx.insert(stockMovements).values({ id: uuidv7(), tenantId, variantId, locationId, kind: 'receive', quantity, actorType: 'system' });
}

/**
 * A store's catalog written as rows: categories (slug → parent slug), brands
 * (slug → name), two locations, and the products with variants and stock.
 */
export async function seedCatalog(
  database: Database,
  tenantId: string,
  seed: { categories: Array<[string, string | null]>; brands: string[]; products: ProductSeed[] },
): Promise<Omit<SeededStore, 'publishableKey'>> {
  const categoryIds = new Map<string, string>();
  const brandIds = new Map<string, string>();
  const productIds = new Map<string, string>();
  const variantIds = new Map<string, string>();
  const locationIds = [uuidv7(), uuidv7()];
  await inTransaction(database.db, { tenantId }, async (tx) => {
    await tx.insert(locations).values(locationIds.map((id, i) => ({ id, tenantId, name: `Location ${i + 1}`, isDefault: i === 0 })));
    for (const [position, [slug, parent]] of seed.categories.entries()) {
      const id = uuidv7();
      categoryIds.set(slug, id);
      await tx.insert(categories).values({ id, tenantId, slug, name: slug.replace(/-/g, ' '), parentId: parent ? categoryIds.get(parent)! : null, position });
    }
    for (const slug of seed.brands) {
      const id = uuidv7();
      brandIds.set(slug, id);
      await tx.insert(brands).values({ id, tenantId, slug, name: slug.toUpperCase() });
    }
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const [index, p] of seed.products.entries()) {
      const id = uuidv7();
      const slug = p.slug ?? p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      productIds.set(slug, id);
      const publishedAt = p.publishedInMinutes === null ? null : new Date(p.publishedInMinutes === undefined ? dayAgo - index * 60_000 : Date.now() + p.publishedInMinutes * 60_000);
      await tx.insert(products).values({
        id,
        tenantId,
        name: p.name,
        slug,
        status: p.status ?? 'active',
        publishedAt,
        featured: p.featured ?? false,
        brandId: p.brand ? brandIds.get(p.brand)! : null,
        attributes: p.attributes ?? {},
        description: `<p>${p.name}</p>`,
      });
      for (const [position, category] of (p.categories ?? []).entries()) await tx.insert(productCategories).values({ tenantId, productId: id, categoryId: categoryIds.get(category)!, position });
      for (const [position, v] of p.variants.entries()) {
        const variantId = uuidv7();
        variantIds.set(v.sku, variantId);
        await tx.insert(variants).values({
          id: variantId,
          tenantId,
          productId: id,
          sku: v.sku,
          optionValues: v.options ?? {},
          priceAmount: v.price,
          currency: 'EUR',
          compareAtAmount: v.compareAt ?? null,
          trackStock: v.trackStock ?? true,
          position,
        });
        for (const [i, quantity] of (v.stock ?? []).entries()) await addStock(tx, tenantId, variantId, locationIds[i]!, quantity);
      }
    }
  });
  return { tenantId, locationIds, productIds, variantIds };
}

export async function addImage(database: Database, tenantId: string, productId: string, storageKey: string, renditions: string[] = ['thumb', 'medium']): Promise<string> {
  const id = uuidv7();
  await inTransaction(database.db, { tenantId }, (tx) =>
    tx.insert(productImages).values({
      id,
      tenantId,
      productId,
      storageKey,
      originalName: 'photo.jpg',
      mime: 'image/jpeg',
      width: 1200,
      height: 900,
      alt: 'A photo',
      renditions: renditions.map((name) => ({ name, width: 300, height: 225, mime: 'image/webp', storageKey: `${storageKey}.${name}.webp`, byteSize: 1000 })),
    }),
  );
  return id;
}

export async function addRedirect(database: Database, tenantId: string, productId: string, oldSlug: string): Promise<void> {
  await inTransaction(database.db, { tenantId }, (tx) => tx.insert(productSlugRedirects).values({ id: uuidv7(), tenantId, productId, oldSlug }));
}

/** A storefront GET with the store's publishable key. */
export function storefront(t: TestApp, key: string, path: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/store${path}`, headers: { 'x-publishable-key': key, ...headers } });
}
