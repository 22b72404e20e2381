import { describe, expect, it } from 'vitest';
import { createCardRenderer } from './listing-card-render.ts';
import type { ListingCard } from './listing.repository.ts';

const hidden = { showStockQuantities: false, lowStockDisplayThreshold: 5 };
const shown = { showStockQuantities: true, lowStockDisplayThreshold: 5 };
const media = (key: string) => `https://cdn.example.com/media/${key}`;

const card: ListingCard = {
  id: 'p1',
  slug: 'linen-shirt',
  name: 'Linen "Summer" shirt',
  featured: true,
  brand: { slug: 'acme', name: 'Acme' },
  minPrice: 2500,
  maxPrice: 3000,
  image: {
    id: 'i1', storageKey: 'a/original.jpg', alt: 'Front', width: 800, height: 600, variantId: null,
    renditions: [{ name: 'thumb', width: 200, height: 150, mime: 'image/webp', storageKey: 'a/thumb.webp' }],
  },
  variants: [
    { id: 'v1', sku: 'LS-S', options: { size: 'S' }, price: 2500, currency: 'EUR', compareAt: 3500, trackStock: true },
    { id: 'v2', sku: 'LS-M', options: { size: 'M' }, price: 3000, currency: 'EUR', compareAt: null, trackStock: true },
    { id: 'v3', sku: 'LS-L', options: { size: 'L' }, price: 3000, currency: 'EUR', compareAt: 2000, trackStock: false },
  ],
};

/** The card as shoppers get it, written out key by key in the order the API documents. */
function expected(stock: Array<{ availability: string; quantity?: number }>) {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  return JSON.stringify({
    id: 'p1', slug: 'linen-shirt', name: 'Linen "Summer" shirt', brand: { slug: 'acme', name: 'Acme' }, featured: true,
    priceRange: { min: eur(2500), max: eur(3000) }, compareAtPrice: eur(3500),
    image: { url: media('a/original.jpg'), thumbUrl: media('a/thumb.webp'), mediumUrl: media('a/original.jpg'), alt: 'Front', width: 800, height: 600 },
    variants: [
      { id: 'v1', sku: 'LS-S', options: { size: 'S' }, price: eur(2500), compareAtPrice: eur(3500), ...stock[0] },
      { id: 'v2', sku: 'LS-M', options: { size: 'M' }, price: eur(3000), compareAtPrice: null, ...stock[1] },
      { id: 'v3', sku: 'LS-L', options: { size: 'L' }, price: eur(3000), compareAtPrice: null, ...stock[2] },
    ],
  });
}

const stored = (c: ListingCard, version: number) => ({ id: c.id, version, text: JSON.stringify(c) });

describe('listing card rendering', () => {
  it('renders the exact JSON of the card with each variant’s stock filled in', () => {
    const cards = createCardRenderer(media);
    cards.learn(stored(card, 1));
    expect(cards.render('p1', { v1: 12, v2: 3 }, hidden)).toBe(expected([{ availability: 'in_stock' }, { availability: 'low' }, { availability: 'in_stock' }]));
    expect(cards.render('p1', { v1: 0, v2: 6 }, shown)).toBe(
      expected([{ availability: 'out', quantity: 0 }, { availability: 'in_stock', quantity: 6 }, { availability: 'in_stock' }]),
    );
  });

  it('asks for a card it has not rendered at the version a page names, and renders the newer one once learnt', () => {
    const cards = createCardRenderer(media);
    expect(cards.missing(['p1'], [1])).toEqual(['p1']);
    expect(cards.render('p1', {}, hidden)).toBeUndefined();
    cards.learn(stored(card, 1));
    expect(cards.missing(['p1'], [1])).toEqual([]);
    expect(cards.missing(['p1'], [2])).toEqual(['p1']);
    const renamed = { ...card, name: 'Linen shirt', variants: card.variants.map((v) => (v.id === 'v2' ? { ...v, price: 2900 } : v)) };
    cards.learn(stored(renamed, 2));
    const json = JSON.parse(cards.render('p1', { v1: 9, v2: 9 }, hidden)!) as { name: string; variants: Array<{ price: { amount: number } }> };
    expect(json.name).toBe('Linen shirt');
    expect(json.variants[1]!.price.amount).toBe(2900);
    // An older version learnt late (a slower read) does not replace a newer one.
    cards.learn(stored(card, 1));
    expect(JSON.parse(cards.render('p1', {}, hidden)!)).toMatchObject({ name: 'Linen shirt' });
    expect(cards.size).toBe(1);
  });

  it('keeps at most the given number of cards, dropping the least recently used', () => {
    const cards = createCardRenderer(media, 2);
    const of = (id: string) => stored({ ...card, id, variants: [] }, 1);
    cards.learn(of('a'));
    cards.learn(of('b'));
    expect(cards.missing(['a'], [1])).toEqual([]);
    cards.learn(of('c'));
    expect(cards.size).toBe(2);
    expect(cards.missing(['a', 'b', 'c'], [1, 1, 1])).toEqual(['b']);
    expect(JSON.parse(cards.render('a', {}, hidden)!)).toMatchObject({ id: 'a', variants: [] });
  });

  it('renders a card without image or brand', () => {
    const cards = createCardRenderer(media);
    cards.learn(stored({ ...card, brand: null, image: null, variants: [] }, 1));
    expect(JSON.parse(cards.render('p1', {}, hidden)!)).toMatchObject({ brand: null, image: null, compareAtPrice: null, variants: [] });
  });
});
