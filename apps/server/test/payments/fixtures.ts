import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { listDomainEvents, type DomainEventType } from '../../src/platform/events/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { checkout, orderShop, readyCart, store, type Shop } from '../orders/fixtures.ts';
import { as, testRoleVerifier } from '../security/fixtures.ts';
import { startFakeMollie, type FakeMollie } from './fake-mollie.ts';
import { startFakeStripe, stripeSignature, type FakeStripe } from './fake-stripe.ts';

export { checkout, readyCart, store, type Shop };

export const STRIPE_KEYS = { mode: 'test', apiKey: 'sk_test_51FakeSecretKeyForWinkelTests0001', publicKey: 'pk_test_51FakePublishableKeyForWinkel0001', webhookSecret: 'whsec_FakeSigningSecretForWinkelTests0001' };

export interface PaymentsTest {
  t: TestApp;
  stripe: FakeStripe;
  mollie: FakeMollie;
  close(): Promise<void>;
}

/** A test app whose Stripe and Mollie are local fakes. */
export async function paymentsTest(): Promise<PaymentsTest> {
  const stripe = await startFakeStripe();
  const mollie = await startFakeMollie();
  const t = await buildTestApp({ env: { STRIPE_API_URL: stripe.url, MOLLIE_API_URL: mollie.url }, bearerVerifiers: [testRoleVerifier()] });
  return { t, stripe, mollie, close: async () => (await t.close(), await stripe.close(), await mollie.close()) };
}

type ShopSetup = Awaited<ReturnType<typeof orderShop>>;

/** A test file's payments app and its one shop, made before its tests and closed after them; read them once the tests run. */
export type PaymentsShopTest = PaymentsTest & ShopSetup;

/**
 * Registers the set-up most payment test files share: a payments test app (Stripe and Mollie faked)
 * and one shop that `open` makes in it, e.g. `(p) => stripeShop(p.t, 'refunds', 200)`.
 */
export function usePaymentsShop(open: (p: PaymentsTest) => Promise<ShopSetup>): PaymentsShopTest {
  let app: PaymentsTest | undefined;
  let made: ShopSetup | undefined;
  beforeAll(async () => {
    app = await paymentsTest();
    made = await open(app);
  });
  afterAll(() => app?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the payments test app is made in beforeAll; read it inside a test');
    return value;
  };
  return {
    get t() { return ready(app).t; },
    get stripe() { return ready(app).stripe; },
    get mollie() { return ready(app).mollie; },
    close: () => ready(app).close(),
    get shop() { return ready(made).shop; },
    get post() { return ready(made).post; },
    get cod() { return ready(made).cod; },
    get mug() { return ready(made).mug; },
  };
}

/** Everything a payment notification could change in a store: compare it before and after one. */
export async function paymentStateOf(t: TestApp, storeId: string) {
  return {
    payments: await paymentRows(t, storeId),
    receipts: await count(t, 'payment_webhook_receipts', storeId),
    succeeded: (await eventsOf(t, storeId, 'payment.succeeded')).length,
    failed: (await eventsOf(t, storeId, 'payment.failed')).length,
    orders: await count(t, 'orders', storeId),
    history: await count(t, 'order_status_history', storeId),
  };
}

/** A shop ready for orders (see orderShop) whose owner has set up its Stripe account with `keys`. */
export async function stripeShop(t: TestApp, handle: string, stock = 50, keys: Record<string, unknown> = STRIPE_KEYS) {
  const shop = await orderShop(t, handle, stock);
  const res = await admin(t, shop.shop.storeId, 'PUT', '/payment-providers/stripe', keys);
  if (res.statusCode !== 200) throw new Error(`stripe account: ${res.statusCode} ${res.body}`);
  return shop;
}

export function admin(t: TestApp, storeId: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: { ...as('owner', storeId), ...headers }, ...(payload ? { payload } : {}) });
}

export interface Session {
  paymentId: string;
  provider: string;
  status: string;
  amount: { amount: number; currency: string };
  clientSecret: string | null;
  publicKey: string | null;
}

export function startPayment(t: TestApp, shop: Shop, cart: { id: string; token: string }, body: Record<string, unknown> = { provider: 'stripe' }, headers: Record<string, string> = {}) {
  return store(t, shop, 'POST', `/carts/${cart.id}/payments`, { token: cart.token, payload: body, headers });
}

export async function startedPayment(t: TestApp, shop: Shop, cart: { id: string; token: string }): Promise<Session & { intentId: string }> {
  const res = await startPayment(t, shop, cart);
  if (res.statusCode !== 201) throw new Error(`start payment: ${res.statusCode} ${res.body}`);
  const session = res.json() as Session;
  return { ...session, intentId: session.clientSecret!.split('_secret_')[0]! };
}

/** Posts a provider notification to the store's webhook URL, signed with `secret` unless told otherwise. */
export function deliver(t: TestApp, storeId: string, payload: string, options: { secret?: string; signature?: string | null; timestamp?: number } = {}) {
  const signature = options.signature === undefined ? stripeSignature(payload, options.secret ?? STRIPE_KEYS.webhookSecret, options.timestamp) : options.signature;
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/stripe/${storeId}`,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    payload,
  });
}

/** A paid cart: a payment started, the intent succeeded at the fake, checked out, and the success notified. */
export async function paidOrder(p: PaymentsTest, shop: Shop, variantId: string, quantity: number, shippingMethodId: string, secret = STRIPE_KEYS.webhookSecret) {
  const cart = await readyCart(p.t, shop, variantId, quantity, shippingMethodId);
  const session = await startedPayment(p.t, shop, cart);
  const placed = await checkout(p.t, shop, cart, 'stripe');
  if (placed.statusCode !== 201) throw new Error(`checkout: ${placed.statusCode} ${placed.body}`);
  const notified = await deliver(p.t, shop.storeId, p.stripe.event('payment_intent.succeeded', p.stripe.succeed(session.intentId)), { secret });
  if (notified.statusCode !== 200) throw new Error(`webhook: ${notified.statusCode} ${notified.body}`);
  return { cart, session, order: placed.json() as { id: string; grandTotal: { amount: number; currency: string } } };
}

export type PaymentRow = {
  id: string;
  order_id: string | null;
  cart_id: string | null;
  provider: string;
  status: string;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  provider_reference: string | null;
};

/** The store's payment rows, oldest first, read as the table owner. */
export async function paymentRows(t: TestApp, storeId: string): Promise<PaymentRow[]> {
  const r = await t.database.db.execute<PaymentRow>(sql`
    select id, order_id, cart_id, provider, status, amount::int, captured_amount::int, refunded_amount::int, provider_reference from payments where tenant_id = ${storeId} order by id`);
  return r.rows;
}

export async function refundRows(t: TestApp, storeId: string) {
  const r = await t.database.db.execute<{ id: string; payment_id: string; amount: number; status: string; provider_reference: string | null }>(sql`
    select id, payment_id, amount::int, status, provider_reference from refunds where tenant_id = ${storeId} order by id`);
  return r.rows;
}

export async function orderRow(t: TestApp, storeId: string, orderId: string) {
  const r = await t.database.db.execute<{ status: string; payment_status: string }>(sql`select status, payment_status from orders where tenant_id = ${storeId} and id = ${orderId}`);
  return r.rows[0]!;
}

export async function count(t: TestApp, table: string, storeId: string): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${storeId}`);
  return r.rows[0]!.n;
}

export function eventsOf(t: TestApp, storeId: string, type: DomainEventType) {
  return inTransaction(t.database.db, { tenantId: storeId }, (tx) => listDomainEvents(tx, storeId, { type, limit: 1000 }));
}
