import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import type { TestApp } from '../app.ts';
import { makeShop, type Shop } from '../customers/customer-fixtures.ts';
import { as } from '../security/fixtures.ts';

export { makeShop, type Shop };
export const eur = (amount: number) => ({ amount, currency: 'EUR' });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A staff request to /api/v1/admin{path} as the store's owner; fails loudly unless it succeeds. */
export async function setUp<T = { id: string }>(t: TestApp, storeId: string, method: Method, path: string, payload?: Record<string, unknown>): Promise<T> {
  const res = await t.app.inject({ method, url: `/api/v1/admin${path}`, headers: as('owner', storeId), ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A product with one variant through the admin API (active, so published now); returns the ids. */
export async function addProduct(t: TestApp, storeId: string, name: string, price: number, extra: { taxClass?: string; status?: string; categoryIds?: string[] } = {}): Promise<{ productId: string; variantId: string }> {
  const sku = `${name.replace(/\W+/g, '-').toUpperCase()}-${uuidv7().slice(-6)}`;
  const { taxClass, status = 'active', categoryIds } = extra;
  const body = await setUp<{ id: string; variants: Array<{ id: string }> }>(t, storeId, 'POST', '/catalog/products', {
    name,
    status,
    ...(categoryIds ? { categoryIds } : {}),
    variants: [{ sku, price: eur(price), ...(taxClass ? { taxClass } : {}) }],
  });
  return { productId: body.id, variantId: body.variants[0]!.id };
}

/** A variant priced in another currency than the store's, written as rows (the catalog API refuses it). */
export async function addForeignCurrencyVariant(t: TestApp, storeId: string): Promise<string> {
  const [productId, variantId] = [uuidv7(), uuidv7()];
  await inTransaction(t.database.db, { tenantId: storeId }, async (tx) => {
    await tx.execute(sql`insert into products (id, tenant_id, name, slug, status, published_at) values (${productId}, ${storeId}, 'Imported', ${`imported-${productId}`}, 'active', now() - interval '1 day')`);
    await tx.execute(sql`insert into variants (id, tenant_id, product_id, sku, price_amount, currency) values (${variantId}, ${storeId}, ${productId}, ${`USD-${variantId}`}, 1000, 'USD')`);
  });
  return variantId;
}

export interface CartCall {
  token?: string | undefined;
  payload?: Record<string, unknown>;
  key?: string;
  headers?: Record<string, string>;
}

/** A storefront request to /api/v1/store{path} with the shop's publishable key (or `key`) and the cart token, if any. */
export function store(t: TestApp, shop: Shop, method: Method, path: string, call: CartCall = {}) {
  return t.app.inject({
    method,
    url: `/api/v1/store${path}`,
    headers: { 'x-publishable-key': call.key ?? shop.publishableKey, ...(call.token ? { 'x-cart-token': call.token } : {}), ...call.headers },
    ...(call.payload ? { payload: call.payload } : {}),
  });
}

export interface CartBody {
  id: string;
  lines: Array<{ id: string; variantId: string; quantity: number; unitPrice: { amount: number }; available: boolean; totals: unknown }>;
  discountCodes: string[];
  totals: Record<string, unknown> & { grandTotal: { amount: number }; subtotal: { amount: number } };
  [key: string]: unknown;
}

/** A new cart of the shop: its id and token. */
export async function newCart(t: TestApp, shop: Shop): Promise<{ id: string; token: string }> {
  const res = await store(t, shop, 'POST', '/carts', { payload: {} });
  if (res.statusCode !== 201) throw new Error(`create cart: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; cart: { id: string } };
  return { id: body.cart.id, token: body.token };
}

/** Adds a line and returns the cart, failing loudly otherwise. */
export async function addLine(t: TestApp, shop: Shop, cart: { id: string; token: string }, variantId: string, quantity: number): Promise<CartBody> {
  const res = await store(t, shop, 'POST', `/carts/${cart.id}/lines`, { token: cart.token, payload: { variantId, quantity } });
  if (res.statusCode !== 200) throw new Error(`add line: ${res.statusCode} ${res.body}`);
  return res.json() as CartBody;
}

/** The field paths a problem names. */
export const paths = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);
