/** Builders for the pricing tests: stores of several kinds, lines and discounts with plain defaults. */
import type { CartLine, Discount, Money, PricingInput, ShippingMethod, StorePricing } from './pricing.types.ts';

export const NOW = new Date('2025-06-01T12:00:00Z');

/** Netherlands: prices include tax; 21 % standard, 9 % reduced, 0 % zero; shipping at 21 %. */
export const dutchStore: StorePricing = { currency: 'EUR', pricesIncludeTax: true, taxRates: { standard: 210_000, reduced: 90_000, zero: 0 }, shippingTaxClass: 'standard' };
/** A US store: prices exclude tax; 7.25 % and 7.5 %; shipping at 7.25 %. */
export const usStore: StorePricing = { currency: 'USD', pricesIncludeTax: false, taxRates: { standard: 72_500, prepared: 75_000, exempt: 0 }, shippingTaxClass: 'standard' };
/** Japan: yen have no decimals; prices include 10 % (8 % reduced). */
export const japaneseStore: StorePricing = { currency: 'JPY', pricesIncludeTax: true, taxRates: { standard: 100_000, reduced: 80_000 }, shippingTaxClass: 'standard' };
/** Bahrain: dinars have three decimals (fils); prices exclude 10 % tax. */
export const bahrainiStore: StorePricing = { currency: 'BHD', pricesIncludeTax: false, taxRates: { standard: 100_000 }, shippingTaxClass: 'standard' };

export const money = (amount: number, currency = 'EUR'): Money => ({ amount, currency });

let lineCount = 0;
export function line(unitPrice: number, quantity = 1, more: Partial<CartLine> & { currency?: string } = {}): CartLine {
  const { currency = 'EUR', ...rest } = more;
  lineCount += 1;
  return { id: `line-${lineCount}`, productId: `product-${lineCount}`, taxClass: 'standard', unitPrice: money(unitPrice, currency), quantity, ...rest };
}

type DiscountValue = { kind: 'percentage'; ratePpm: number } | { kind: 'fixed_amount'; amount: Money } | { kind: 'free_shipping' };
export const percentOff = (ratePpm: number): DiscountValue => ({ kind: 'percentage', ratePpm });
export const amountOff = (amount: number, currency = 'EUR'): DiscountValue => ({ kind: 'fixed_amount', amount: money(amount, currency) });
export const freeShipping: DiscountValue = { kind: 'free_shipping' };

/** An automatic, combinable, always valid, whole-order discount unless `more` says otherwise. */
export function discount(id: string, value: DiscountValue, more: Partial<Omit<Discount, 'kind'>> = {}): Discount {
  return { id, code: null, combinable: true, ...more, ...value } as Discount;
}

export const flatRate = (amount: number, currency = 'EUR'): ShippingMethod => ({ id: 'flat', kind: 'flat_rate', price: money(amount, currency) });

export function cart(store: StorePricing, lines: CartLine[], more: Partial<PricingInput> = {}): PricingInput {
  return { store, lines, shippingMethod: null, discounts: [], now: NOW, ...more };
}

/** The amounts of a list of Money, for short assertions. */
export const amounts = (list: Money[]): number[] => list.map((m) => m.amount);
