import type { Tx } from '../../platform/db/database.ts';
import type { Discount, ShippingMethod, StorePricing } from '../pricing/index.ts';
import { readStoreSettings } from '../tenancy/index.ts';
import { storePricingRow, type CheckoutInputRows, type StorePricingRow } from './checkout-pricing.repository.ts';
import type { DiscountRow } from './discount.repository.ts';
import type { ShippingMethodRow } from './shipping-method.repository.ts';

/** The class every store has, at 0 % until the merchant gives it a rate. */
export const DEFAULT_TAX_CLASS = 'standard';

/** What checkout needs of the store, read once per request: its currency, tax settings and tax rates (standard at 0 % unless set). */
export interface CheckoutStore {
  /** Undefined when the store no longer exists. */
  defaultCurrency: string | undefined;
  pricesIncludeTax: boolean;
  shippingTaxClass: string;
  taxRates: Record<string, number>;
  /** Its name and language, for the order confirmation. */
  name: string | undefined;
  locale: string | undefined;
}

/** The store as checkout needs it, from its row (read by `loadCheckoutStore`, or with other things through `storePricingJson`). */
export function checkoutStoreOf(row: StorePricingRow): CheckoutStore {
  const settings = readStoreSettings(row.settings);
  return { defaultCurrency: row.defaultCurrency, pricesIncludeTax: settings.pricesIncludeTax, shippingTaxClass: settings.shippingTaxClass, taxRates: { [DEFAULT_TAX_CLASS]: 0, ...row.taxRates }, name: row.name, locale: row.locale };
}

/** The store as checkout needs it, in one statement; read it once per request and pass it on. */
export async function loadCheckoutStore(tx: Tx, tenantId: string): Promise<CheckoutStore> {
  return checkoutStoreOf(await storePricingRow(tx, tenantId));
}

/** The store as the totals engine takes it, for a cart or order in `currency`. */
export function storePricingIn(store: CheckoutStore, currency: string): StorePricing {
  return { currency, pricesIncludeTax: store.pricesIncludeTax, taxRates: store.taxRates, shippingTaxClass: store.shippingTaxClass };
}

export interface CheckoutInputs {
  store: CheckoutStore;
  /** The method with the id asked for, whatever its state; undefined when the store has none such. */
  shippingMethod: ShippingMethodRow | undefined;
  /** The store's active automatic discounts, then its active discounts with the codes asked for; each once. */
  discounts: DiscountRow[];
}

/** The inputs from their rows; `store` when the request had loaded it (the rows then lack it). */
export function checkoutInputsOf(rows: CheckoutInputRows, store: CheckoutStore | undefined): CheckoutInputs {
  const discounts = [...new Map(rows.discounts.map((d) => [d.id, d])).values()];
  return { store: store ?? checkoutStoreOf(rows.store!), shippingMethod: rows.shippingMethod, discounts };
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
