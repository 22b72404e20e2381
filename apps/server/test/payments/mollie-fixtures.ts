import type { TestApp } from '../app.ts';
import { orderShop } from '../orders/fixtures.ts';
import type { SignedNotification } from './fake-mollie.ts';
import { admin, checkout, paymentRows, readyCart, startPayment, type PaymentsTest, type Session, type Shop } from './fixtures.ts';

/** Where the storefront asks Mollie to send the shopper back. */
export const RETURN_URL = 'https://shop.example/checkout/return';
/** The signing secret of the Mollie webhook subscription that "signed" stores have. */
export const MOLLIE_SECRET = 'mollie_whsec_Kt7xQ2pLm9Vb4Rz8';
export const PROFILE_ID = 'pfl_QkEhN94Ba';

/** A store's Mollie account at the fake: its API key, and its signing secret when it takes signed notifications. */
export const mollieKeys = (p: PaymentsTest, overrides: Record<string, unknown> = {}) => ({ mode: 'test', apiKey: p.mollie.apiKey, publicKey: PROFILE_ID, ...overrides });

/** A shop ready for orders (see orderShop) whose owner has set up its Mollie account with `keys`. */
export async function mollieShop(p: PaymentsTest, handle: string, stock = 50, keys: Record<string, unknown> = mollieKeys(p)) {
  const shop = await orderShop(p.t, handle, stock);
  const res = await admin(p.t, shop.shop.storeId, 'PUT', '/payment-providers/mollie', keys);
  if (res.statusCode !== 200) throw new Error(`mollie account: ${res.statusCode} ${res.body}`);
  return shop;
}

export function startMolliePayment(t: TestApp, shop: Shop, cart: { id: string; token: string }, headers: Record<string, string> = {}) {
  return startPayment(t, shop, cart, { provider: 'mollie', returnUrl: RETURN_URL }, headers);
}

/** A started Mollie payment: the session the storefront got, and the Mollie payment (tr_…) behind it. */
export async function startedMolliePayment(t: TestApp, shop: Shop, cart: { id: string; token: string }): Promise<Session & { redirectUrl: string; molliePaymentId: string }> {
  const res = await startMolliePayment(t, shop, cart);
  if (res.statusCode !== 201) throw new Error(`start payment: ${res.statusCode} ${res.body}`);
  const session = res.json() as Session & { redirectUrl: string };
  const row = (await paymentRows(t, shop.storeId)).find((r) => r.id === session.paymentId);
  if (!row?.provider_reference) throw new Error(`payment ${session.paymentId} has no Mollie reference`);
  return { ...session, molliePaymentId: row.provider_reference };
}

/** Posts a notification to the store's Mollie webhook URL as Mollie sends it (raw body, its headers). */
export function notifyMollie(t: TestApp, storeId: string, notice: SignedNotification, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...notice.headers, ...headers })) if (value !== undefined) all[name] = value;
  return t.app.inject({ method: 'POST', url: `/webhooks/mollie/${storeId}`, headers: all, payload: notice.rawBody });
}

/** A Mollie payment started for a fresh cart and checked out, not yet paid. */
export async function mollieCheckout(p: PaymentsTest, shop: Shop, variantId: string, quantity: number, shippingMethodId: string) {
  const cart = await readyCart(p.t, shop, variantId, quantity, shippingMethodId);
  const session = await startedMolliePayment(p.t, shop, cart);
  const placed = await checkout(p.t, shop, cart, 'mollie');
  if (placed.statusCode !== 201) throw new Error(`checkout: ${placed.statusCode} ${placed.body}`);
  return { cart, session, order: placed.json() as { id: string; grandTotal: { amount: number; currency: string } } };
}

/** A checked-out Mollie order whose payment Mollie reports paid, notified the way the store's settings ask for. */
export async function paidMollieOrder(p: PaymentsTest, shop: Shop, variantId: string, quantity: number, shippingMethodId: string, secret?: string) {
  const placed = await mollieCheckout(p, shop, variantId, quantity, shippingMethodId);
  p.mollie.setPaymentStatus(placed.session.molliePaymentId, 'paid');
  const notified = await notifyMollie(p.t, shop.storeId, p.mollie.notification(placed.session.molliePaymentId, secret ? { secret } : {}));
  if (notified.statusCode !== 200) throw new Error(`webhook: ${notified.statusCode} ${notified.body}`);
  return placed;
}

/** The current value of payments_total for Mollie in one status (0 before the first). */
export async function mollieCount(t: TestApp, status: string): Promise<number> {
  const metrics = (await t.app.inject({ url: '/metrics' })).body;
  const line = metrics.split('\n').find((l) => l.startsWith(`payments_total{provider="mollie",status="${status}"} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
