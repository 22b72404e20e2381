import { describe, expect, it } from 'vitest';
import { allocateProportionally } from './allocation.ts';

describe('splitting an amount over lines by largest remainder', () => {
  it('gives leftover units to the largest remainders', () => {
    // 100 over 333 / 333 / 334 (of 1000): 33.3, 33.3, 33.4 → 33, 33, 33 and the last unit to 33.4
    expect(allocateProportionally(100n, [333n, 333n, 334n])).toEqual([33n, 33n, 34n]);
    // 1000 over 6050 / 1090 (of 7140): 847.34, 152.66 → 847, 152 and one to 152.66
    expect(allocateProportionally(1000n, [6050n, 1090n])).toEqual([847n, 153n]);
  });

  it('breaks ties in favour of the earlier line', () => {
    expect(allocateProportionally(1000n, [1000n, 1000n, 1000n])).toEqual([334n, 333n, 333n]); // 333.33 each
    expect(allocateProportionally(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
  });

  it('allocates exactly, never more than a weight, and nothing over zero weights', () => {
    expect(allocateProportionally(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(allocateProportionally(5n, [0n, 5n, 0n])).toEqual([0n, 5n, 0n]);
    expect(allocateProportionally(7n, [7n])).toEqual([7n]);
    expect(() => allocateProportionally(1n, [0n])).toThrow(RangeError);
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (let run = 0; run < 300; run++) {
      const weights = Array.from({ length: 1 + (next() % 9) }, () => BigInt(next() % 5000));
      const total = weights.reduce((a, b) => a + b, 0n);
      const amount = total === 0n ? 0n : BigInt(next()) % (total + 1n);
      const shares = allocateProportionally(amount, weights);
      expect(shares.reduce((a, b) => a + b, 0n)).toBe(amount);
      shares.forEach((share, i) => {
        expect(share >= 0n && share <= weights[i]!).toBe(true);
        // within one unit of the exact proportion: |share × total − amount × weight| < total
        const gap = share * total - amount * weights[i]!;
        expect((gap < 0n ? -gap : gap) < total || total === 0n).toBe(true);
      });
    }
  });
});
