import type { Tx } from '../../platform/db/database.ts';
import { parseBoolean, splitList, splitPairs } from './bulk-csv-format.ts';
import * as repo from './bulk-import.repository.ts';
import { issueErrors, type ProductRows, type VariantCells } from './bulk-import-rows.ts';
import type { RowErrorSink } from './bulk-report.ts';
import { slug as slugSchema } from './catalog.schemas.ts';
import type { ProductFields, ProductRow } from './product.repository.ts';
import { productPatch } from './product.schemas.ts';
import { productFields, type ProductPatch } from './product.service.ts';
import type { VariantFields, VariantRow } from './variant.repository.ts';
import { variantFields, type VariantInput } from './variant-rules.ts';

/** The store's brands and categories, looked up by what a CSV names them. */
export interface CatalogNames {
  brandBySlug: Map<string, string>;
  brandsByName: Map<string, string[]>;
  categoryBySlug: Map<string, string>;
}

export async function loadCatalogNames(tx: Tx, tenantId: string): Promise<CatalogNames> {
  const names: CatalogNames = { brandBySlug: new Map(), brandsByName: new Map(), categoryBySlug: new Map() };
  for (const b of await repo.allBrands(tx, tenantId)) {
    names.brandBySlug.set(b.slug, b.id);
    const key = b.name.trim().toLowerCase();
    names.brandsByName.set(key, [...(names.brandsByName.get(key) ?? []), b.id]);
  }
  for (const c of await repo.allCategories(tx, tenantId)) names.categoryBySlug.set(c.slug, c.id);
  return names;
}

export interface PlanContext {
  tx: Tx;
  tenantId: string;
  currency: string;
  /** The header's columns: a product or variant column that is absent leaves that field as it is. */
  columns: ReadonlySet<string>;
  names: CatalogNames;
}

export interface PlannedVariant {
  line: number;
  existing: VariantRow | undefined;
  /** For a new variant, every column to insert; for an existing one, only what changes (empty: unchanged). */
  fields: Partial<VariantFields>;
}

export interface PlannedProduct {
  slug: string;
  existing: ProductRow | undefined;
  /** For a new product, every column to insert; for an existing one, only what changes. */
  fields: Partial<ProductFields>;
  /** The categories to link, in order; undefined: unchanged. */
  categoryIds: string[] | undefined;
  variants: PlannedVariant[];
  /** Position the first new variant of an existing product takes. */
  nextPosition: number;
}

export interface BatchPlan {
  products: PlannedProduct[];
  /** Rows whose variant would be created, and rows whose variant or product would change. */
  created: number;
  updated: number;
}

const PRODUCT_FIELD_COLUMN: Record<string, string> = { seoTitle: 'seo_title', seoDescription: 'seo_description' };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Only the fields that differ from the row. */
function changes<T extends object>(fields: Partial<T>, row: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => !sameJson(value, row[key as keyof T]))) as Partial<T>;
}

/** The product cells as an admin API patch, checked with the API's own schema; brand and categories resolved by name. */
function readProduct(group: ProductRows, ctx: PlanContext, errors: RowErrorSink): { patch: ProductPatch; categoryIds: string[] | undefined; named: boolean } {
  const { columns, names } = ctx;
  const lineOf = (column: string) => group.cells[column as keyof ProductRows['cells']]?.line ?? group.line;
  const cell = (column: keyof ProductRows['cells']) => (columns.has(column) ? (group.cells[column]?.value ?? '') : undefined);
  const fail = (column: string, reason: string) => errors.push({ line: lineOf(column), field: column, reason });

  const slugCheck = slugSchema.safeParse(group.slug);
  if (!slugCheck.success) errors.push(...issueErrors(slugCheck.error.issues, group.line, () => 'product_slug'));

  const candidate: Record<string, unknown> = {};
  const name = cell('name');
  if (name?.trim()) candidate.name = name;
  const description = cell('description');
  if (description !== undefined) candidate.description = description;
  const status = cell('status');
  if (status?.trim()) candidate.status = status.trim();
  const featured = cell('featured');
  if (featured?.trim()) {
    const flag = parseBoolean(featured);
    if (flag === undefined) fail('featured', 'must be true or false');
    else candidate.featured = flag;
  }
  const tags = cell('tags');
  if (tags !== undefined) candidate.tags = splitList(tags);
  const attributes = cell('attributes');
  if (attributes !== undefined) {
    const record: Record<string, string> = {};
    for (const pair of splitPairs(attributes)) {
      if ('bad' in pair) fail('attributes', `"${pair.bad}" is not key=value`);
      else if (pair.key in record) fail('attributes', `names "${pair.key}" twice`);
      else record[pair.key] = pair.value;
    }
    candidate.attributes = record;
  }
  const seoTitle = cell('seo_title');
  if (seoTitle !== undefined) candidate.seoTitle = seoTitle.trim() || null;
  const seoDescription = cell('seo_description');
  if (seoDescription !== undefined) candidate.seoDescription = seoDescription.trim() || null;

  const brand = cell('brand')?.trim();
  if (brand !== undefined) {
    if (brand === '') candidate.brandId = null;
    else {
      const byName = names.brandsByName.get(brand.toLowerCase()) ?? [];
      const id = names.brandBySlug.get(brand) ?? (byName.length === 1 ? byName[0] : undefined);
      if (id) candidate.brandId = id;
      else fail('brand', byName.length > 1 ? `"${brand}" is the name of several brands; give the brand's slug` : `"${brand}" is not a brand of this store (by slug or name)`);
    }
  }
  let categoryIds: string[] | undefined;
  const categorySlugs = cell('categories');
  if (categorySlugs !== undefined) {
    const slugs = [...new Set(splitList(categorySlugs))];
    const unknown = slugs.filter((s) => !names.categoryBySlug.has(s));
    if (unknown.length > 0) fail('categories', `${unknown.map((s) => `"${s}"`).join(', ')} ${unknown.length === 1 ? 'is not a category' : 'are not categories'} of this store`);
    else categoryIds = slugs.map((s) => names.categoryBySlug.get(s)!);
    candidate.categoryIds = categoryIds ?? [];
  }

  const checked = productPatch.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? '');
      const column = key === 'categoryIds' ? 'categories' : key === 'brandId' ? 'brand' : (PRODUCT_FIELD_COLUMN[key] ?? key);
      fail(column, issue.message);
    }
    return { patch: {}, categoryIds: undefined, named: candidate.name !== undefined };
  }
  const { categoryIds: _ids, ...patch } = checked.data;
  return { patch, categoryIds, named: candidate.name !== undefined };
}

/** The row's variant as an admin API input, in the store's currency. */
function variantInput(v: VariantCells, currency: string): Partial<VariantInput> {
  const money = (amount: number | null | undefined) => (amount === undefined ? undefined : amount === null ? null : { amount, currency });
  const input: Partial<VariantInput> = { sku: v.sku };
  const price = money(v.price);
  if (price) input.price = price;
  const compareAtPrice = money(v.compareAtPrice);
  if (compareAtPrice !== undefined) input.compareAtPrice = compareAtPrice;
  const costPrice = money(v.costPrice);
  if (costPrice !== undefined) input.costPrice = costPrice;
  for (const key of ['barcode', 'optionValues', 'weightGrams', 'taxClass', 'trackStock'] as const) if (v[key] !== undefined) Object.assign(input, { [key]: v[key] });
  return input;
}

/** What a batch of products would change, with every reason it cannot; reads the catalog, writes nothing. */
export async function planBatch(ctx: PlanContext, groups: ProductRows[], errors: RowErrorSink): Promise<BatchPlan> {
  const { tx, tenantId, currency, columns } = ctx;
  const slugs = groups.map((g) => g.slug);
  const existing = new Map((await repo.productsBySlugs(tx, tenantId, slugs)).map((p) => [p.slug, p]));
  const redirected = new Map((await repo.redirectsBySlugs(tx, tenantId, slugs.filter((s) => !existing.has(s)))).map((r) => [r.oldSlug, r.currentSlug]));
  const owners = new Map((await repo.variantsBySkus(tx, tenantId, groups.flatMap((g) => g.variants.map((v) => v.sku)))).map((o) => [o.variant.sku, o]));
  const existingIds = [...existing.values()].map((p) => p.id);
  const variantsOf = new Map<string, VariantRow[]>();
  for (const v of await repo.variantsOfProducts(tx, tenantId, existingIds)) variantsOf.set(v.productId, [...(variantsOf.get(v.productId) ?? []), v]);
  const categoriesOf = new Map<string, string[]>();
  for (const l of await repo.categoryLinksOf(tx, tenantId, existingIds)) categoriesOf.set(l.productId, [...(categoriesOf.get(l.productId) ?? []), l.categoryId]);

  const plan: BatchPlan = { products: [], created: 0, updated: 0 };
  for (const group of groups) {
    const before = existing.get(group.slug);
    const { patch, categoryIds, named } = readProduct(group, ctx, errors);
    const current = redirected.get(group.slug);
    if (!before && current) errors.push({ line: group.line, field: 'product_slug', reason: `is an old slug of the product "${current}" and still redirects to it; use "${current}" to change that product, or another slug` });
    if (!before && !named) errors.push({ line: group.line, field: 'name', reason: 'is required to create a product' });

    const variants: PlannedVariant[] = [];
    for (const v of group.variants) {
      const owner = owners.get(v.sku);
      if (owner && owner.variant.productId !== before?.id) {
        errors.push({ line: v.line, field: 'sku', reason: `"${v.sku}" belongs to a variant of the product "${owner.productSlug}"` });
        continue;
      }
      if (v.invalid.size > 0) continue;
      if (!owner && v.price === undefined) {
        errors.push({ line: v.line, field: 'price', reason: 'is required for a new variant' });
        continue;
      }
      const fields = variantFields(variantInput(v, currency));
      variants.push({ line: v.line, existing: owner?.variant, fields: owner ? changes(fields, owner.variant) : fields });
    }

    // As in the admin API: once a product has several variants, each needs option values to tell it apart.
    const others = (before ? (variantsOf.get(before.id) ?? []) : []).filter((v) => !group.variants.some((r) => r.sku === v.sku));
    if (others.length + group.variants.length > 1) {
      const firstOption = columns.has('option1_name') ? 'option1_value' : 'option1_name';
      for (const v of group.variants) {
        const options = v.optionValues ?? owners.get(v.sku)?.variant.optionValues ?? {};
        if (v.invalid.size === 0 && Object.keys(options).length === 0) errors.push({ line: v.line, field: firstOption, reason: 'is required: each variant of a product with several variants needs option values' });
      }
      const bare = others.find((v) => Object.keys(v.optionValues).length === 0);
      if (bare) errors.push({ line: group.line, field: 'sku', reason: `the product's variant "${bare.sku}" has no option values; give it some in this file before adding variants` });
    }

    const fields = before ? changes(productFields(patch, before), before) : productFields(patch);
    const categoriesChanged = categoryIds !== undefined && (!before || !sameJson(categoryIds, categoriesOf.get(before.id) ?? []));
    const productChanged = Object.keys(fields).length > 0 || categoriesChanged;
    for (const v of variants) {
      if (!v.existing) plan.created++;
      else if (productChanged || Object.keys(v.fields).length > 0) plan.updated++;
    }
    const positions = (before ? (variantsOf.get(before.id) ?? []) : []).map((v) => v.position);
    plan.products.push({ slug: group.slug, existing: before, fields, categoryIds: categoriesChanged ? categoryIds : undefined, variants, nextPosition: positions.length > 0 ? Math.max(...positions) + 1 : 0 });
  }
  return plan;
}
