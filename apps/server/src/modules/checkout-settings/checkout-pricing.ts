import type { Tx } from '../../platform/db/database.ts';
import type { Discount, ShippingMethod, StorePricing } from '../pricing/index.ts';
import { findStoreById, readStoreSettings } from '../tenancy/index.ts';
import type { DiscountRow } from './discount.repository.ts';
import type { ShippingMethodRow } from './shipping-method.repository.ts';
import { allTaxRates } from './tax-rate.repository.ts';

/** The class every store has, at 0 % until the merchant gives it a rate. */
export const DEFAULT_TAX_CLASS = 'standard';

/** The store's pricing settings for the totals engine, in `currency`: its tax rates (standard at 0 % unless set) and store settings. */
export async function loadStorePricing(tx: Tx, tenantId: string, currency: string): Promise<StorePricing> {
  const store = await findStoreById(tx, tenantId);
  const settings = readStoreSettings(store?.settings);
  const taxRates = { [DEFAULT_TAX_CLASS]: 0, ...(await allTaxRates(tx, tenantId)) };
  return { currency, pricesIncludeTax: settings.pricesIncludeTax, taxRates, shippingTaxClass: settings.shippingTaxClass };
}

export function engineShippingMethod(row: ShippingMethodRow): ShippingMethod {
  const money = (amount: number) => ({ amount, currency: row.currency });
  switch (row.kind) {
    case 'flat_rate':
      return { id: row.id, kind: 'flat_rate', price: money(row.priceAmount) };
    case 'free_above':
      return { id: row.id, kind: 'free_above', price: money(row.priceAmount), freeFrom: money(row.freeFromAmount ?? 0) };
    case 'local_pickup':
      return { id: row.id, kind: 'local_pickup' };
    case 'cash_on_delivery':
      return { id: row.id, kind: 'cash_on_delivery', price: money(row.priceAmount), codFee: money(row.codFeeAmount ?? 0) };
  }
}

export function engineDiscount(row: DiscountRow): Discount {
  const rules = {
    id: row.id,
    code: row.code,
    combinable: row.combinable,
    minimumSubtotal: row.minimumSubtotalAmount === null ? null : { amount: row.minimumSubtotalAmount, currency: row.currency },
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    scope: row.scope === 'items' ? { kind: 'items' as const, productIds: row.productIds, categoryIds: row.categoryIds } : { kind: 'order' as const },
  };
  switch (row.kind) {
    case 'percentage':
      return { ...rules, kind: 'percentage', ratePpm: row.ratePpm ?? 0 };
    case 'fixed_amount':
      return { ...rules, kind: 'fixed_amount', amount: { amount: row.amount ?? 0, currency: row.currency } };
    case 'free_shipping':
      return { ...rules, kind: 'free_shipping' };
  }
}
