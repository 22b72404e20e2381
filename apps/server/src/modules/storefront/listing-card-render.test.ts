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

describe('listing card rendering', () => {
  it('renders the exact JSON of the card with each variant’s stock filled in', () => {
    const cards = createCardRenderer(media);
    const text = JSON.stringify(card);
    expect(cards.render('p1', text, { v1: 12, v2: 3 }, hidden)).toBe(expected([{ availability: 'in_stock' }, { availability: 'low' }, { availability: 'in_stock' }]));
    expect(cards.render('p1', text, { v1: 0, v2: 6 }, shown)).toBe(
      expected([{ availability: 'out', quantity: 0 }, { availability: 'in_stock', quantity: 6 }, { availability: 'in_stock' }]),
    );
  });

  it('reuses a rendered card only for the same stored text', () => {
    const cards = createCardRenderer(media);
    cards.render('p1', JSON.stringify(card), { v1: 9, v2: 9 }, hidden);
    const renamed = { ...card, name: 'Linen shirt', variants: card.variants.map((v) => (v.id === 'v2' ? { ...v, price: 2900 } : v)) };
    const json = JSON.parse(cards.render('p1', JSON.stringify(renamed), { v1: 9, v2: 9 }, hidden)) as { name: string; variants: Array<{ price: { amount: number } }> };
    expect(json.name).toBe('Linen shirt');
    expect(json.variants[1]!.price.amount).toBe(2900);
    expect(cards.size).toBe(1);
  });

  it('keeps at most the given number of cards', () => {
    const cards = createCardRenderer(media, 2);
    const textOf = (id: string) => JSON.stringify({ ...card, id, variants: [] });
    for (const id of ['a', 'b', 'a', 'c']) cards.render(id, textOf(id), {}, hidden);
    expect(cards.size).toBe(2);
    expect(JSON.parse(cards.render('a', textOf('a'), {}, hidden))).toMatchObject({ id: 'a', variants: [] });
    expect(cards.size).toBe(2);
  });

  it('renders a card without image or brand', () => {
    const cards = createCardRenderer(media);
    const bare = { ...card, brand: null, image: null, variants: [] };
    expect(JSON.parse(cards.render('p1', JSON.stringify(bare), {}, hidden))).toMatchObject({ brand: null, image: null, compareAtPrice: null, variants: [] });
  });
});
