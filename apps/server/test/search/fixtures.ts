import type { TestApp } from '../app.ts';
import { makeShop, type Shop } from '../customers/customer-fixtures.ts';
import { as } from '../security/fixtures.ts';

export type { Shop };
export { makeShop };

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A staff request to /api/v1/admin{path} as the store's manager (or the role given). */
export function admin(t: TestApp, storeId: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, role: 'manager' | 'owner' = 'manager') {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: as(role, storeId), ...(payload ? { payload } : {}) });
}

/** Adds a product through the admin API (active unless said otherwise); returns its id. */
export async function addProduct(t: TestApp, storeId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const sku = `SKU-${name.replace(/\W+/g, '-').toUpperCase()}-${Math.random().toString(36).slice(2, 7)}`;
  const res = await admin(t, storeId, 'POST', '/catalog/products', { name, status: 'active', variants: [{ sku, price: eur(1000) }], ...extra });
  if (res.statusCode !== 201) throw new Error(`product ${name}: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export interface StoreGet {
  headers?: Record<string, string>;
}

/** A storefront GET of /api/v1/store{path} with the shop's publishable key. */
export function storeGet(t: TestApp, shop: Shop, path: string, options: StoreGet = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/store${path}`, headers: { 'x-publishable-key': shop.publishableKey, ...options.headers } });
}

export interface Hit {
  id: string;
  name: string;
  slug: string;
  brand: { name: string; slug: string } | null;
  price: { min: { amount: number; currency: string }; max: { amount: number; currency: string } } | null;
  image: { url: string; alt: string } | null;
  snippet: string | null;
}

/** The names a storefront search returns, in order. */
export async function searchNames(t: TestApp, shop: Shop, q: string): Promise<string[]> {
  const res = await storeGet(t, shop, `/search?q=${encodeURIComponent(q)}&limit=50`);
  if (res.statusCode !== 200) throw new Error(`search ${q}: ${res.statusCode} ${res.body}`);
  return (res.json().data as Hit[]).map((h) => h.name);
}
