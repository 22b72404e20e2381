import { sum } from './rounding.ts';

/**
 * Splits `amount` over `weights` in proportion, in whole minor units that add up to exactly
 * `amount` (largest-remainder method). Each share starts as the rounded-down proportion; the
 * units left over go one each to the largest remainders, ties to the earlier weight.
 * With 0 ≤ amount ≤ sum(weights) no share exceeds its weight.
 */
export function allocateProportionally(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = sum(weights);
  if (total === 0n) {
    if (amount !== 0n) throw new RangeError('cannot allocate an amount over weights that sum to zero');
    return weights.map(() => 0n);
  }
  const shares = weights.map((w) => (amount * w) / total);
  const byRemainder = weights
    .map((w, index) => ({ index, remainder: (amount * w) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  let left = amount - sum(shares);
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares;
}
