import type { Tx } from '../../platform/db/database.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { findStoreById } from '../tenancy/index.ts';
import * as repo from './variant.repository.ts';

export interface Money {
  amount: number;
  currency: string;
}
export interface VariantInput {
  sku: string;
  barcode?: string | null | undefined;
  optionValues?: Record<string, string> | undefined;
  price: Money;
  compareAtPrice?: Money | null | undefined;
  costPrice?: Money | null | undefined;
  weightGrams?: number | null | undefined;
  taxClass?: string | undefined;
  trackStock?: boolean | undefined;
  position?: number | undefined;
}
export interface VariantView {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  optionValues: Record<string, string>;
  price: Money;
  compareAtPrice: Money | null;
  costPrice: Money | null;
  weightGrams: number | null;
  taxClass: string;
  trackStock: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

const money = (amount: number | null, currency: string): Money | null => (amount === null ? null : { amount, currency });

export const variantView = (r: repo.VariantRow): VariantView => ({
  id: r.id,
  productId: r.productId,
  sku: r.sku,
  barcode: r.barcode,
  optionValues: r.optionValues,
  price: { amount: r.priceAmount, currency: r.currency },
  compareAtPrice: money(r.compareAtAmount, r.currency),
  costPrice: money(r.costAmount, r.currency),
  weightGrams: r.weightGrams,
  taxClass: r.taxClass,
  trackStock: r.trackStock,
  position: r.position,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function storeCurrency(tx: Tx, tenantId: string): Promise<string> {
  const store = await findStoreById(tx, tenantId);
  if (!store) throw new Error(`store ${tenantId} not found in its own scope`);
  return store.defaultCurrency;
}

/** Every price of a variant is in the store's currency; `path` is where the variant sits in the body (`body`, `body.variants.0`). */
export function checkCurrency(input: Partial<VariantInput>, currency: string, path: string): void {
  const fields: FieldError[] = [];
  for (const key of ['price', 'compareAtPrice', 'costPrice'] as const) {
    const m = input[key];
    if (m && m.currency !== currency) fields.push({ path: `${path}.${key}.currency`, message: `must be the store's currency, ${currency}` });
  }
  if (fields.length > 0) throw new DomainError('CATALOG_CURRENCY_MISMATCH', `Prices must be in the store's currency, ${currency}.`, fields);
}

export const skuTaken = (sku: string, path: string) => new DomainError('CATALOG_SKU_TAKEN', `Another variant of this store has the SKU "${sku}".`, [{ path, message: 'is already in use' }]);

/** Refuses SKUs used twice in the request or already used by another variant of the store. */
export async function assertSkusFree(tx: Tx, tenantId: string, entries: Array<{ sku: string; path: string }>, exceptId?: string): Promise<void> {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.sku)) throw skuTaken(e.sku, e.path);
    seen.add(e.sku);
  }
  const used = new Set(await repo.skusInUse(tx, tenantId, [...seen], exceptId));
  const clash = entries.find((e) => used.has(e.sku));
  if (clash) throw skuTaken(clash.sku, clash.path);
}

/** Table columns from a (partial) input; keys left out stay out. */
export function variantFields(input: Partial<VariantInput>): Partial<repo.VariantFields> {
  const out: Partial<repo.VariantFields> = {};
  if (input.sku !== undefined) out.sku = input.sku;
  if (input.barcode !== undefined) out.barcode = input.barcode;
  if (input.optionValues !== undefined) out.optionValues = input.optionValues;
  if (input.price !== undefined) Object.assign(out, { priceAmount: input.price.amount, currency: input.price.currency });
  if (input.compareAtPrice !== undefined) out.compareAtAmount = input.compareAtPrice?.amount ?? null;
  if (input.costPrice !== undefined) out.costAmount = input.costPrice?.amount ?? null;
  if (input.weightGrams !== undefined) out.weightGrams = input.weightGrams;
  if (input.taxClass !== undefined) out.taxClass = input.taxClass;
  if (input.trackStock !== undefined) out.trackStock = input.trackStock;
  if (input.position !== undefined) out.position = input.position;
  return out;
}

export { violatedConstraint } from '../../platform/db/database-error.ts';
