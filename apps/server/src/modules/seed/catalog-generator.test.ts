import { describe, expect, it } from 'vitest';
import { generateCatalog, MAX_GENERATED_VARIANTS, plannedCategories } from './catalog-generator.ts';

describe('generateCatalog', () => {
  it('is the same for the same options, and differs for another seed or a later first number', () => {
    const options = { products: 50, variantsPerProduct: 3, seed: 9, firstNumber: 1 };
    expect(generateCatalog(options)).toEqual(generateCatalog(options));
    expect(generateCatalog({ ...options, seed: 10 }).products.map((p) => p.name)).not.toEqual(generateCatalog(options).products.map((p) => p.name));
    expect(generateCatalog({ ...options, firstNumber: 51 }).brands).toEqual(generateCatalog(options).brands);
  });

  it.each([1, 3, 7, MAX_GENERATED_VARIANTS])('gives every product exactly %i different variants, with unique SKUs and slugs', (variantsPerProduct) => {
    const plan = generateCatalog({ products: 400, variantsPerProduct, seed: 1, firstNumber: 1 });
    const skus = plan.products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(skus).size).toBe(400 * variantsPerProduct);
    expect(new Set(plan.products.map((p) => p.slug)).size).toBe(400);
    for (const p of plan.products) {
      expect(p.variants).toHaveLength(variantsPerProduct);
      expect(new Set(p.variants.map((v) => JSON.stringify(v.optionValues))).size).toBe(variantsPerProduct);
      expect(p.variants.every((v) => Number.isInteger(v.priceAmount) && v.priceAmount > 0 && v.onHand >= 0)).toBe(true);
    }
  });

  it('files products under leaf categories of a tree at most three levels deep, among 20 to 50 brands', () => {
    const categories = plannedCategories();
    const bySlug = new Map(categories.map((c) => [c.slug, c]));
    const depth = (slug: string): number => (bySlug.get(slug)?.parentSlug ? 1 + depth(bySlug.get(slug)!.parentSlug!) : 1);
    expect(new Set(categories.map((c) => c.slug)).size).toBe(categories.length);
    expect(Math.max(...categories.map((c) => depth(c.slug)))).toBe(3);
    const plan = generateCatalog({ products: 200, variantsPerProduct: 2, seed: 4, firstNumber: 1 });
    expect(plan.brands.length).toBeGreaterThanOrEqual(20);
    expect(plan.brands.length).toBeLessThanOrEqual(50);
    expect(plan.products.every((p) => p.categorySlugs.every((s) => bySlug.has(s) && !categories.some((c) => c.parentSlug === s)))).toBe(true);
  });
});
