/**
 * Mollie writes amounts as decimal strings with exactly the currency's ISO 4217 decimals
 * (`{ currency: 'EUR', value: '19.99' }`, `'1500'` for JPY, `'1.255'` for BHD); Winkel keeps
 * integer minor units. Converted by the digits, never through a floating-point number.
 */

export interface MollieAmount {
  currency: string;
  value: string;
}

const NO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/**
 * The ISO 4217 exponent. Deliberately a table and not Intl: the runtime's ICU data gives HUF,
 * IDR, COP and others 0 decimals, while ISO 4217 (and Mollie) give them 2.
 */
export function currencyExponent(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  if (NO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  if (FOUR_DECIMALS.has(currency)) return 4;
  return 2;
}

/** 1999 EUR → `{ currency: 'EUR', value: '19.99' }`. */
export function toMollieAmount(minorUnits: number, currency: string): MollieAmount {
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0) throw new RangeError(`${minorUnits} is not a whole, non-negative number of minor units`);
  const decimals = currencyExponent(currency);
  const digits = String(minorUnits).padStart(decimals + 1, '0');
  const value = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return { currency, value };
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `{ currency: 'EUR', value: '19.99' }` → 1999. Refuses signs, more decimals than the currency has, and unsafe sizes. */
export function fromMollieAmount(amount: MollieAmount): number {
  const decimals = currencyExponent(amount.currency);
  const match = DECIMAL.exec(amount.value);
  const [, whole, fraction = ''] = match ?? [];
  if (whole === undefined || fraction.length > decimals) {
    throw new RangeError(`"${amount.value}" is not an amount in ${amount.currency}, which has ${decimals} decimals`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`"${amount.value}" ${amount.currency} is too large`);
  return Number(minor);
}
