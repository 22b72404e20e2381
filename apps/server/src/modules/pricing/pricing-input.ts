import { DomainError, type FieldError } from '../../platform/errors.ts';
import type { Discount, Money, PricingInput, ShippingMethod } from './pricing.types.ts';

/** Problems found in an input, by the error they become. */
interface Findings {
  invalid: FieldError[];
  currency: FieldError[];
  missingRate: FieldError[];
}

const isAmount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isRate = (n: number) => Number.isInteger(n) && n >= 0 && n <= 1_000_000;
const isDate = (d: unknown) => d instanceof Date && !Number.isNaN(d.getTime());

/**
 * Refuses what the engine cannot price: malformed figures (PRICING_INPUT_INVALID), money in
 * another currency than the store's (PRICING_CURRENCY_MISMATCH), a tax class without a rate
 * (PRICING_TAX_RATE_MISSING). Each error names every field at fault, as paths into the input.
 * A fixed discount in another currency is not an error: it is reported as not applied.
 */
export function checkPricingInput(input: PricingInput): void {
  const found: Findings = { invalid: [], currency: [], missingRate: [] };
  const { store } = input;
  if (!/^[A-Z]{3}$/.test(store.currency)) found.invalid.push({ path: 'store.currency', message: 'must be an ISO 4217 code such as EUR' });
  for (const [taxClass, rate] of Object.entries(store.taxRates)) {
    if (!isRate(rate)) found.invalid.push({ path: `store.taxRates.${taxClass}`, message: 'must be an integer rate in millionths from 0 to 1000000' });
  }
  if (!isDate(input.now)) found.invalid.push({ path: 'now', message: 'must be a valid date' });
  input.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) found.invalid.push({ path: `lines.${i}.quantity`, message: 'must be a positive whole number' });
    checkMoney(found, line.unitPrice, `lines.${i}.unitPrice`, store.currency);
    if (!hasRate(input, line.taxClass)) found.missingRate.push({ path: `lines.${i}.taxClass`, message: `"${line.taxClass}" has no tax rate in this store` });
  });
  if (input.shippingMethod) {
    checkShipping(found, input.shippingMethod, store.currency);
    if (!hasRate(input, store.shippingTaxClass)) found.missingRate.push({ path: 'store.shippingTaxClass', message: `"${store.shippingTaxClass}" has no tax rate in this store` });
  }
  const seen = new Set<string>();
  input.discounts.forEach((discount, i) => {
    if (seen.has(discount.id)) found.invalid.push({ path: `discounts.${i}.id`, message: 'is given twice' });
    seen.add(discount.id);
    checkDiscount(found, discount, `discounts.${i}`);
  });
  if (found.invalid.length > 0) throw new DomainError('PRICING_INPUT_INVALID', 'The cart cannot be priced: some figures are not valid.', found.invalid);
  if (found.currency.length > 0) throw new DomainError('PRICING_CURRENCY_MISMATCH', `Every price must be in the store's currency, ${store.currency}.`, found.currency);
  if (found.missingRate.length > 0) throw new DomainError('PRICING_TAX_RATE_MISSING', 'A tax class has no rate in this store.', found.missingRate);
}

const hasRate = (input: PricingInput, taxClass: string) => Object.hasOwn(input.store.taxRates, taxClass);

/** A non-negative whole amount; in the store's currency unless `currency` is null. */
function checkMoney(found: Findings, money: Money, path: string, currency: string | null): void {
  if (!isAmount(money.amount)) found.invalid.push({ path: `${path}.amount`, message: 'must be a non-negative whole number of minor units' });
  if (currency !== null && money.currency !== currency) found.currency.push({ path: `${path}.currency`, message: `must be the store's currency, ${currency}` });
}

function checkShipping(found: Findings, method: ShippingMethod, currency: string): void {
  if (method.kind === 'local_pickup') return;
  checkMoney(found, method.price, 'shippingMethod.price', currency);
  if (method.kind === 'free_above') checkMoney(found, method.freeFrom, 'shippingMethod.freeFrom', currency);
  if (method.kind === 'cash_on_delivery') checkMoney(found, method.codFee, 'shippingMethod.codFee', currency);
}

function checkDiscount(found: Findings, discount: Discount, path: string): void {
  if (discount.kind === 'percentage' && !isRate(discount.ratePpm)) found.invalid.push({ path: `${path}.ratePpm`, message: 'must be an integer rate in millionths from 0 to 1000000' });
  if (discount.kind === 'fixed_amount') checkMoney(found, discount.amount, `${path}.amount`, null);
  if (discount.minimumSubtotal) checkMoney(found, discount.minimumSubtotal, `${path}.minimumSubtotal`, null);
  for (const key of ['startsAt', 'endsAt'] as const) {
    const value = discount[key];
    if (value !== undefined && value !== null && !isDate(value)) found.invalid.push({ path: `${path}.${key}`, message: 'must be a valid date or null' });
  }
}
