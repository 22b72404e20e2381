import { currencyExponent, decimalToMinorUnits, minorUnitsToDecimal } from '../../platform/money.ts';

/**
 * Mollie writes amounts as decimal strings with exactly the currency's ISO 4217 decimals
 * (`{ currency: 'EUR', value: '19.99' }`, `'1500'` for JPY, `'1.255'` for BHD); Winkel keeps
 * integer minor units. Converted by the digits, never through a floating-point number.
 */

export interface MollieAmount {
  currency: string;
  value: string;
}

/** 1999 EUR → `{ currency: 'EUR', value: '19.99' }`. */
export function toMollieAmount(minorUnits: number, currency: string): MollieAmount {
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0) throw new RangeError(`${minorUnits} is not a whole, non-negative number of minor units`);
  return { currency, value: minorUnitsToDecimal(minorUnits, currency) };
}

/** `{ currency: 'EUR', value: '19.99' }` → 1999. Refuses signs, more decimals than the currency has, and unsafe sizes. */
export function fromMollieAmount(amount: MollieAmount): number {
  const parsed = decimalToMinorUnits(amount.value, amount.currency);
  if (parsed.ok) return parsed.amount;
  if (parsed.reason === 'is too large') throw new RangeError(`"${amount.value}" ${amount.currency} is too large`);
  throw new RangeError(`"${amount.value}" is not an amount in ${amount.currency}, which has ${currencyExponent(amount.currency)} decimals`);
}
