import type { CatalogPlan, PlannedBrand, PlannedCategory, PlannedProduct, PlannedVariant } from './catalog-plan.ts';
import { toSlug } from './catalog-plan.ts';
import { createRandom, mixSeed, type Random } from './random.ts';
import {
  ADJECTIVES, BENEFITS, BRAND_ENDS, BRAND_STARTS, BRAND_SUFFIXES, CATEGORY_TREE, COLLECTIONS, COLOURS, ORIGINS, PRODUCT_TYPES,
  type CategoryNode, type ProductType,
} from './word-lists.ts';

export interface GeneratorOptions {
  products: number;
  variantsPerProduct: number;
  seed: number;
  /** Number of the first product; SKUs and slugs carry it, so later runs over the same store never repeat them. */
  firstNumber: number;
}

/** The most variants a generated product can have: its sizes times the colours it may come in. */
export const MAX_GENERATED_VARIANTS = 24;

/** The department tree; its slugs are fixed, so every run over a store reuses the same categories. */
export function plannedCategories(): PlannedCategory[] {
  const out: PlannedCategory[] = [];
  const walk = (nodes: CategoryNode[], parentSlug: string | null) =>
    nodes.forEach((node, position) => {
      out.push({ name: node.name, slug: toSlug(node.name), parentSlug, position });
      if (node.children) walk(node.children, toSlug(node.name));
    });
  walk(CATEGORY_TREE, null);
  return out;
}

/** 20 to 50 brands, the same ones for a given seed. */
export function plannedBrands(seed: number): PlannedBrand[] {
  const random = createRandom(mixSeed(seed, 0xb4a5d));
  const count = random.int(20, 50);
  const names = new Set<string>();
  while (names.size < count) {
    const root = `${random.pick(BRAND_STARTS)}${random.pick(BRAND_ENDS)}`;
    names.add(`${root}${random.pick(BRAND_SUFFIXES)}`);
  }
  return [...names].map((name) => ({ name, slug: toSlug(name) }));
}

/** Ends on .95 or .00, as shop prices do. */
function shopPrice(amount: number, random: Random): number {
  const whole = Math.max(1, Math.round(amount / 100));
  return random.chance(0.7) ? whole * 100 - 5 : whole * 100;
}

/** Up to `count` distinct option combinations of the type, smallest size first. */
function optionCombinations(type: ProductType, count: number, random: Random): Array<Record<string, string>> {
  if (count <= 1) return [{}];
  const sizes = type.sizes ?? [];
  const colourCount = type.colours ? Math.max(1, Math.ceil(count / Math.max(1, sizes.length))) : 1;
  const colours = type.colours ? random.sample(COLOURS, sizes.length === 0 ? count : colourCount) : [];
  const combos: Array<Record<string, string>> = [];
  if (sizes.length === 0) for (const colour of colours) combos.push({ colour });
  else if (colours.length === 0) for (const size of sizes) combos.push({ size });
  else for (const colour of colours) for (const size of sizes) combos.push({ size, colour });
  return combos.slice(0, count);
}

function productName(type: ProductType, material: string, random: Random): string {
  const shape = random.int(0, 2);
  if (shape === 0) return `${random.pick(ADJECTIVES)} ${material} ${type.noun}`;
  if (shape === 1) return `${random.pick(COLLECTIONS)} ${type.noun}`;
  return `${random.pick(COLLECTIONS)} ${material} ${type.noun}`;
}

function stockFigure(random: Random): number {
  const roll = random.next();
  if (roll < 0.06) return 0;
  if (roll < 0.2) return random.int(1, 5);
  return random.int(10, 250);
}

const skuCode = (noun: string) => noun.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();

/** How many different variants a product type can have. */
const capacity = (type: ProductType) => (type.sizes?.length ?? 1) * (type.colours ? COLOURS.length : 1);

function generateProduct(number: number, variantsPerProduct: number, types: ProductType[], brands: PlannedBrand[], random: Random): PlannedProduct {
  const type = random.pick(types);
  const material = random.pick(type.materials);
  const name = productName(type, material, random);
  const base = random.int(type.price[0], type.price[1]);
  const onSale = random.chance(0.12);
  const combos = optionCombinations(type, variantsPerProduct, random);
  const sizeCount = type.sizes?.length ?? 1;
  const variants: PlannedVariant[] = combos.map((optionValues, i) => {
    const step = type.sizes && optionValues.size ? type.sizes.indexOf(optionValues.size) : 0;
    const priceAmount = shopPrice(base * (1 + 0.15 * step), random);
    const weight = type.weightGrams[0] + ((type.weightGrams[1] - type.weightGrams[0]) * step) / Math.max(1, sizeCount - 1);
    return {
      sku: `${skuCode(type.noun)}-${String(number).padStart(6, '0')}-${i + 1}`,
      optionValues,
      priceAmount,
      compareAtAmount: onSale ? shopPrice(priceAmount * 1.25, random) : null,
      costAmount: Math.round(priceAmount * (0.38 + random.next() * 0.17)),
      weightGrams: Math.round(weight),
      onHand: stockFigure(random),
      lowStockThreshold: 5,
    };
  });
  const colour = combos.length === 1 && type.colours ? random.pick(COLOURS) : undefined;
  const origin = random.pick(ORIGINS);
  const benefit = random.pick(BENEFITS);
  const summary = `${type.noun} in ${material.toLowerCase()}, ${benefit}.`;
  return {
    name,
    slug: `${toSlug(name)}-${number}`,
    description: `<p>${summary}</p><p>Made in ${origin}.</p>`,
    featured: random.chance(0.05),
    brandSlug: random.chance(0.9) ? random.pick(brands).slug : null,
    categorySlugs: [toSlug(type.category)],
    tags: [toSlug(type.noun), toSlug(material), ...(onSale ? ['sale'] : [])],
    attributes: { material, origin, ...(colour ? { colour } : {}) },
    seoDescription: summary,
    variants,
  };
}

/** A whole catalog, the same for the same options on every machine. */
export function generateCatalog(options: GeneratorOptions): CatalogPlan {
  const brands = plannedBrands(options.seed);
  const random = createRandom(mixSeed(options.seed, options.firstNumber));
  // Only types that can have that many different variants, so every product gets exactly variantsPerProduct.
  const types = PRODUCT_TYPES.filter((t) => capacity(t) >= options.variantsPerProduct);
  const products: PlannedProduct[] = [];
  for (let i = 0; i < options.products; i++) products.push(generateProduct(options.firstNumber + i, options.variantsPerProduct, types, brands, random));
  return { categories: plannedCategories(), brands, products };
}
