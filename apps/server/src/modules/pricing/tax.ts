import { divideRounded, PPM } from './rounding.ts';

/**
 * The tax in one amount (a line after its discount share, or the shipping charge), rounded on its
 * own. Tax-exclusive: amount × rate. Tax-inclusive: the tax part of a gross amount,
 * amount × rate / (1 + rate).
 */
export function taxOn(amount: bigint, ratePpm: bigint, pricesIncludeTax: boolean): bigint {
  return pricesIncludeTax ? divideRounded(amount * ratePpm, PPM + ratePpm) : divideRounded(amount * ratePpm, PPM);
}

/** One taxed amount: `net` is without tax, `tax` already rounded. */
export interface TaxedPart {
  taxClass: string;
  ratePpm: bigint;
  net: bigint;
  tax: bigint;
}

export interface TaxGroup {
  ratePpm: bigint;
  taxClasses: string[];
  net: bigint;
  tax: bigint;
}

/** Taxed parts grouped by rate, highest rate first; parts with nothing taxed are left out. */
export function groupByRate(parts: readonly TaxedPart[]): TaxGroup[] {
  const groups = new Map<bigint, TaxGroup>();
  for (const part of parts) {
    if (part.net === 0n && part.tax === 0n) continue;
    const group = groups.get(part.ratePpm) ?? { ratePpm: part.ratePpm, taxClasses: [], net: 0n, tax: 0n };
    if (!group.taxClasses.includes(part.taxClass)) group.taxClasses.push(part.taxClass);
    group.net += part.net;
    group.tax += part.tax;
    groups.set(part.ratePpm, group);
  }
  return [...groups.values()].sort((a, b) => (a.ratePpm > b.ratePpm ? -1 : a.ratePpm < b.ratePpm ? 1 : 0));
}
