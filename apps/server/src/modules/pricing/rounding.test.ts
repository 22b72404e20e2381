import { describe, expect, it } from 'vitest';
import { divideRounded, rateOf } from './rounding.ts';
import { taxOn } from './tax.ts';

describe('rounding to whole minor units', () => {
  it('rounds to the nearest unit and exact halves away from zero', () => {
    expect(divideRounded(14n, 10n)).toBe(1n); // 1.4 → 1
    expect(divideRounded(15n, 10n)).toBe(2n); // 1.5 → 2
    expect(divideRounded(25n, 10n)).toBe(3n); // 2.5 → 3, not to even
    expect(divideRounded(16n, 10n)).toBe(2n);
    expect(divideRounded(-15n, 10n)).toBe(-2n); // −1.5 → −2
    expect(divideRounded(-14n, 10n)).toBe(-1n);
    expect(divideRounded(0n, 7n)).toBe(0n);
  });

  it('takes rates in millionths: 21 %, 9 %, 7.5 %, 7.25 % and 0 %', () => {
    expect(rateOf(1050n, 210_000n)).toBe(221n); // 1050 × 0.21 = 220.5 → 221
    expect(rateOf(1000n, 90_000n)).toBe(90n); // 1000 × 0.09 = 90
    expect(rateOf(20n, 75_000n)).toBe(2n); // 20 × 0.075 = 1.5 → 2
    expect(rateOf(200n, 72_500n)).toBe(15n); // 200 × 0.0725 = 14.5 → 15
    expect(rateOf(199n, 72_500n)).toBe(14n); // 199 × 0.0725 = 14.4275 → 14
    expect(rateOf(123_456n, 0n)).toBe(0n);
  });

  it('extracts the tax part of a gross price as amount × rate / (1 + rate)', () => {
    expect(taxOn(1210n, 210_000n, true)).toBe(210n); // 1210 × 21/121 = 210
    expect(taxOn(1000n, 210_000n, true)).toBe(174n); // 1000 × 21/121 = 173.55 → 174
    expect(taxOn(109n, 90_000n, true)).toBe(9n); // 109 × 9/109 = 9
    expect(taxOn(1000n, 210_000n, false)).toBe(210n);
  });

  it('stays exact where a JavaScript number would lose digits', () => {
    // 9007199254740991 × 0.21 = 1891511843495608.11 → 1891511843495608; the product has 22 digits
    expect(rateOf(9_007_199_254_740_991n, 210_000n)).toBe(1_891_511_843_495_608n);
    // 8470000000000121 × 21 / 121 = 70000000000001 × 21 = 1470000000000021
    expect(taxOn(8_470_000_000_000_121n, 210_000n, true)).toBe(1_470_000_000_000_021n);
  });
});
