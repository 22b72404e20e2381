import { decimalToMinorUnits, minorUnitsToDecimal, type ParsedMinorUnits } from '../../platform/money.ts';

/**
 * Prices in CSV files are decimal strings in the store's currency (`12.99`) with the currency's
 * ISO 4217 decimals (HUF and COP have 2, JPY 0, BHD 3), the same the payment providers charge.
 */

/** `12.99` in a 2-decimal currency → 1299; refuses signs, exponents, thousands separators and extra decimals. */
export function parseMinorUnits(text: string, currency: string): ParsedMinorUnits {
  return decimalToMinorUnits(text.trim(), currency);
}

/** 1299 in a 2-decimal currency → `12.99`; the inverse of parseMinorUnits. */
export function formatMinorUnits(amount: number, currency: string): string {
  return minorUnitsToDecimal(amount, currency);
}
