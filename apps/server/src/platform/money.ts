/**
 * Money is kept as integer minor units plus an ISO 4217 currency code. A currency's exponent
 * (how many decimals its major unit has) comes from the table below, and conversions between
 * minor units and decimal strings work on the digits, never through a floating-point number,
 * which cannot hold most decimal fractions exactly.
 */

const NO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/**
 * The ISO 4217 exponent: EUR 2, JPY 0, BHD 3, CLF 4. Deliberately a table and not Intl: the
 * runtime's ICU data gives HUF, IDR, COP and others 0 decimals (their cash rounding), while
 * ISO 4217 and the payment providers give them 2.
 */
export function currencyExponent(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  if (NO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  if (FOUR_DECIMALS.has(currency)) return 4;
  return 2;
}

/** 1999 EUR → `19.99`, 1500 JPY → `1500`, 5 EUR → `0.05`: exactly the currency's decimals, a dot, no grouping. */
export function minorUnitsToDecimal(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`${minorUnits} is not a whole number of minor units`);
  const decimals = currencyExponent(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const digits = String(Math.abs(minorUnits)).padStart(decimals + 1, '0');
  return sign + (decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`);
}

export type ParsedMinorUnits = { ok: true; amount: number } | { ok: false; reason: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * `12.99` EUR → 1299, `12.9` → 1290, `1500` JPY → 1500. Only digits with an optional dot and at most
 * the currency's decimals; refuses signs, exponents, thousands separators, surrounding spaces and
 * amounts beyond 2^53 − 1 minor units. The reason reads after the name of the field.
 */
export function decimalToMinorUnits(text: string, currency: string): ParsedMinorUnits {
  const decimals = currencyExponent(currency);
  if (text.startsWith('-')) return { ok: false, reason: 'must not be negative' };
  const match = DECIMAL.exec(text);
  if (!match) {
    const example = decimals > 0 ? `12.${'9'.repeat(decimals)}` : '12';
    return { ok: false, reason: `is not a decimal amount like ${example} (digits, and a dot before the decimals)` };
  }
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) {
    return { ok: false, reason: decimals === 0 ? `must be a whole amount: ${currency} has no decimals` : `has more than the ${decimals} decimals of ${currency}` };
  }
  const amount = BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'is too large' };
  return { ok: true, amount: Number(amount) };
}
