/**
 * Exact integer arithmetic for money. Amounts are bigint here: a price near 2^53 multiplied by a
 * rate in millionths would lose digits as a JavaScript number.
 */

/** The denominator of every rate: rates are in millionths. */
export const PPM = 1_000_000n;

/** numerator / denominator rounded to the nearest integer, exact halves away from zero (2.5 → 3, −2.5 → −3). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideRounded needs a positive denominator');
  const quotient = numerator / denominator; // truncated toward zero
  const remainder = numerator % denominator; // has the numerator's sign
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** ratePpm of amount, rounded: 21 % of 1050 → 220.5 → 221. */
export function rateOf(amount: bigint, ratePpm: bigint): bigint {
  return divideRounded(amount * ratePpm, PPM);
}

export function sum(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export const smaller = (a: bigint, b: bigint): bigint => (a < b ? a : b);
