import type { TestApp } from '../app.ts';
import { countRows, orderShop, stockOf } from '../orders/fixtures.ts';
import { as } from '../security/fixtures.ts';
import type { Role } from '../../src/modules/security/permissions.ts';

export { addProduct, countRows, eur, receive, stockOf } from '../orders/fixtures.ts';
export { paths } from '../carts/fixtures.ts';

export const SHOP_ORIGIN = 'https://shop.example';

type Method = 'GET' | 'POST' | 'PATCH' | 'OPTIONS';

/** A shop with tax, a flat-rate and a cash-on-delivery method, and a mug with `stock` on hand. */
export async function formShop(t: TestApp, handle: string, stock = 10) {
  const { shop, post, cod, mug } = await orderShop(t, handle, stock);
  return { storeId: shop.storeId, shop, post, cod, mug };
}

/** A staff request to /api/v1/admin{path}, as the store's owner unless another role is named. */
export function admin(t: TestApp, storeId: string, method: Method, path: string, payload?: Record<string, unknown>, role: Role = 'owner') {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: as(role, storeId), ...(payload ? { payload } : {}) });
}

export interface FormView {
  id: string;
  slug: string;
  status: string;
  publicPath: string;
  [key: string]: unknown;
}

/** A published form selling the variant, open to SHOP_ORIGIN, no minimum fill time unless given. */
export async function createForm(t: TestApp, storeId: string, shippingMethodId: string, variantId: string, extra: Record<string, unknown> = {}): Promise<FormView> {
  const res = await admin(t, storeId, 'POST', '/checkout-forms', {
    slug: 'order-now',
    title: 'Order now',
    status: 'published',
    items: [{ variantId, maxQuantity: 5 }],
    allowedOrigins: [SHOP_ORIGIN],
    minFillSeconds: 0,
    shippingMethodId,
    defaultCountry: 'NL',
    successMessage: 'Thank you! We will call you before delivery.',
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`create form: ${res.statusCode} ${res.body}`);
  return res.json() as FormView;
}

export interface PublicCall {
  origin?: string | null;
  ip?: string;
  headers?: Record<string, string>;
}

function publicHeaders(call: PublicCall): Record<string, string> {
  const origin = call.origin === undefined ? SHOP_ORIGIN : call.origin;
  return { ...(origin ? { origin } : {}), ...call.headers };
}

/** GET the form's definition from its public path, from SHOP_ORIGIN unless told otherwise. */
export function getForm(t: TestApp, storeId: string, slug: string, call: PublicCall = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/public/stores/${storeId}/forms/${slug}`, headers: publicHeaders(call), remoteAddress: call.ip ?? '127.0.0.1' });
}

export function postOrder(t: TestApp, storeId: string, slug: string, payload: Record<string, unknown>, call: PublicCall = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/public/stores/${storeId}/forms/${slug}/orders`, headers: publicHeaders(call), remoteAddress: call.ip ?? '127.0.0.1', payload });
}

export function preflight(t: TestApp, storeId: string, path: string, origin: string, method = 'POST') {
  return t.app.inject({
    method: 'OPTIONS',
    url: `/api/v1/public/stores/${storeId}/forms/${path}`,
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type,idempotency-key' },
  });
}

/** A fresh form token, as a page gets it when it loads the form. */
export async function formToken(t: TestApp, storeId: string, slug: string): Promise<string> {
  const res = await getForm(t, storeId, slug);
  if (res.statusCode !== 200) throw new Error(`get form: ${res.statusCode} ${res.body}`);
  return (res.json() as { formToken: string }).formToken;
}

/** What a shopper fills in: one of the variant, name, address and a Dutch mobile number written the local way. */
export function answers(token: string, variantId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { formToken: token, website: '', items: [{ variantId, quantity: 1 }], name: 'Sam Koper', line1: 'Dorpsstraat 5', city: 'Zwolle', postalCode: '8011 AB', country: 'NL', phone: '06 12345678', ...extra };
}

/** What a refused post must leave behind: no order, no cart, no stock held. */
export async function footprint(t: TestApp, storeId: string, variantId: string) {
  return { orders: await countRows(t, 'orders', storeId), carts: await countRows(t, 'carts', storeId), stock: await stockOf(t, storeId, variantId) };
}
