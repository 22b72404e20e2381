/**
 * Prices in CSV files are decimal strings in the store's currency (`12.99`),
 * converted to integer minor units by reading the digits: never through a
 * floating-point number, which cannot hold most decimal fractions exactly.
 */

/** How many decimals the currency has (EUR 2, JPY 0, BHD 3), as the runtime's ICU data knows it. */
export function currencyDecimals(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export type ParsedAmount = { ok: true; amount: number } | { ok: false; reason: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `12.99` in a 2-decimal currency → 1299; refuses signs, exponents, thousands separators and extra decimals. */
export function parseMinorUnits(text: string, currency: string): ParsedAmount {
  const decimals = currencyDecimals(currency);
  const value = text.trim();
  if (value.startsWith('-')) return { ok: false, reason: 'must not be negative' };
  const match = DECIMAL.exec(value);
  if (!match) return { ok: false, reason: `is not a decimal amount like ${decimals > 0 ? `12.${'9'.repeat(decimals)}` : '12'} (digits, and a dot before the decimals)` };
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) return { ok: false, reason: decimals === 0 ? `must be a whole amount: ${currency} has no decimals` : `has more than the ${decimals} decimals of ${currency}` };
  const amount = BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'is too large' };
  return { ok: true, amount: Number(amount) };
}

/** 1299 in a 2-decimal currency → `12.99`; the inverse of parseMinorUnits. */
export function formatMinorUnits(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const digits = BigInt(amount).toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
