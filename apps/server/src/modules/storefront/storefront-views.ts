import type { StoreSettings } from '../tenancy/index.ts';
import { availabilityOf } from './availability.ts';
import type { ImageRow, ListingCard, VariantRow } from './listing.repository.ts';
import type { ProductDetailRow } from './product-detail.repository.ts';

/** Turns a stored object key into the URL clients fetch it from (the configured media base or this server's /media). */
export type MediaUrl = (storageKey: string) => string;

type Money = { amount: number; currency: string };
type DisplaySettings = Pick<StoreSettings, 'showStockQuantities' | 'lowStockDisplayThreshold'>;

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** A variant as shoppers see it, all but its stock (which always comes last). */
export function variantBaseView(v: Omit<VariantRow, 'available'>) {
  return {
    id: v.id,
    sku: v.sku,
    options: v.options,
    price: money(v.price, v.currency),
    compareAtPrice: v.compareAt !== null && v.compareAt > v.price ? money(v.compareAt, v.currency) : null,
  };
}

function variantView(v: VariantRow, settings: DisplaySettings) {
  return { ...variantBaseView(v), ...availabilityOf(v, settings) };
}

/** Lowest and highest variant price, and the highest compare-at price of a variant on sale. */
function prices(row: { minPrice: number; maxPrice: number }, variants: ReadonlyArray<Pick<VariantRow, 'price' | 'compareAt' | 'currency'>>) {
  const currency = variants[0]?.currency ?? '';
  const onSale = variants.filter((v) => v.compareAt !== null && v.compareAt > v.price).map((v) => v.compareAt as number);
  return {
    priceRange: { min: money(row.minPrice, currency), max: money(row.maxPrice, currency) },
    compareAtPrice: onSale.length > 0 ? money(Math.max(...onSale), currency) : null,
  };
}

function renditionUrl(image: ImageRow, name: string, mediaUrl: MediaUrl): string {
  const rendition = image.renditions.find((r) => r.name === name);
  return mediaUrl(rendition?.storageKey ?? image.storageKey);
}

/** A listing card as shoppers see it, all but its variants (which always come last: listing-card-render.ts). */
export function listingItemBaseView(row: ListingCard, mediaUrl: MediaUrl) {
  const { image } = row;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand: row.brand,
    featured: row.featured,
    ...prices(row, row.variants),
    image: image
      ? { url: mediaUrl(image.storageKey), thumbUrl: renditionUrl(image, 'thumb', mediaUrl), mediumUrl: renditionUrl(image, 'medium', mediaUrl), alt: image.alt, width: image.width, height: image.height }
      : null,
  };
}

/** Option names in the order they first appear on the variants, each with its values in variant order. */
export function optionsOf(variants: VariantRow[]): Array<{ name: string; values: string[] }> {
  const options = new Map<string, Set<string>>();
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.options)) {
      let values = options.get(name);
      if (!values) options.set(name, (values = new Set()));
      values.add(value);
    }
  }
  return [...options].map(([name, values]) => ({ name, values: [...values] }));
}

export function productDetailView(row: ProductDetailRow, settings: DisplaySettings, mediaUrl: MediaUrl) {
  const images = row.images ?? [];
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    brand: row.brand,
    featured: row.featured,
    tags: row.tags,
    attributes: row.attributes,
    options: optionsOf(row.variants),
    ...prices(row, row.variants),
    variants: row.variants.map((v) => ({ ...variantView(v, settings), imageIds: images.filter((i) => i.variantId === v.id).map((i) => i.id) })),
    images: images.map((i) => ({
      id: i.id,
      url: mediaUrl(i.storageKey),
      alt: i.alt,
      width: i.width,
      height: i.height,
      variantId: i.variantId,
      renditions: i.renditions.map((r) => ({ name: r.name, url: mediaUrl(r.storageKey), width: r.width, height: r.height, mime: r.mime })),
    })),
    categories: row.categories ?? [],
    publishedAt: row.publishedAt,
  };
}
