import { sql } from 'drizzle-orm';
import { createLedgerCheckService } from '../../src/modules/inventory/index.ts';
import { queueStoreConfirmations } from '../../src/modules/orders/order-confirmation-queue.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { addLine, addProduct, eur, makeShop, newCart, setUp, store, type Shop } from '../carts/fixtures.ts';
import { mailsQueued } from '../inventory/fixtures.ts';
import { as, testRoleVerifier } from '../security/fixtures.ts';

export { addLine, addProduct, eur, makeShop, newCart, setUp, store, type Shop };

export const ADDRESS = { name: 'Kim Buyer', line1: 'Main St 1', city: 'Utrecht', postalCode: '3511 AA', country: 'NL', phone: '+31 6 1234 5678' };

/** A shop with a 21 % standard rate, a flat-rate and a cash-on-delivery method, and one product with `stock` on hand. */
export async function orderShop(t: TestApp, handle: string, stock = 10) {
  const shop = await makeShop(t, handle);
  await setUp(t, shop.storeId, 'POST', '/tax-rates', { taxClass: 'standard', ratePpm: 210_000 });
  const post = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Post', kind: 'flat_rate', price: eur(495) })).id;
  const cod = (await setUp(t, shop.storeId, 'POST', '/shipping-methods', { name: 'Courier, pay on delivery', kind: 'cash_on_delivery', price: eur(600), codFee: eur(200) })).id;
  const mug = await addProduct(t, shop.storeId, 'Mug', 1210);
  if (stock > 0) await receive(t, shop.storeId, mug.variantId, stock);
  return { shop, post, cod, mug };
}

export type OrderShop = Awaited<ReturnType<typeof orderShop>>;

/**
 * A test app with staff roles and an orderShop, made before the file's tests and closed after them.
 * Read its parts inside a test: they exist once beforeAll has run.
 */
export function useOrderShop(handle: string, stock = 10): { readonly t: TestApp } & OrderShop {
  let app: TestApp | undefined;
  let made: OrderShop | undefined;
  beforeAll(async () => {
    app = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
    made = await orderShop(app, handle, stock);
  });
  afterAll(() => app?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the order shop is made in beforeAll; read it inside a test');
    return value;
  };
  return {
    get t() { return ready(app); },
    get shop() { return ready(made).shop; },
    get post() { return ready(made).post; },
    get cod() { return ready(made).cod; },
    get mug() { return ready(made).mug; },
  };
}

export async function receive(t: TestApp, storeId: string, variantId: string, quantity: number): Promise<void> {
  await setUp(t, storeId, 'POST', '/inventory/receipts', { variantId, quantity });
}

/** A cart with `quantity` of the variant, an email, an address and a shipping method: ready to check out. */
export async function readyCart(t: TestApp, shop: Shop, variantId: string, quantity: number, shippingMethodId: string, customerToken?: string) {
  const cart = await newCart(t, shop);
  await addLine(t, shop, cart, variantId, quantity);
  for (const [path, payload] of [['/email', { email: 'kim@example.test' }], ['/shipping-address', ADDRESS], ['/shipping-method', { shippingMethodId }]] as const) {
    const res = await store(t, shop, 'PUT', `/carts/${cart.id}${path}`, { token: cart.token, payload });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  }
  if (customerToken) {
    const claimed = await store(t, shop, 'POST', `/carts/${cart.id}/claim`, { token: cart.token, payload: {}, headers: { authorization: `Bearer ${customerToken}` } });
    if (claimed.statusCode !== 200) throw new Error(`claim: ${claimed.statusCode} ${claimed.body}`);
    return { id: cart.id, token: (claimed.json() as { token: string }).token };
  }
  return cart;
}

export function checkout(t: TestApp, shop: Shop, cart: { id: string; token: string }, paymentMethod = 'manual', headers: Record<string, string> = {}) {
  return store(t, shop, 'POST', `/carts/${cart.id}/checkout`, { token: cart.token, payload: { paymentMethod }, headers });
}

export function staff(t: TestApp, storeId: string, method: 'GET' | 'POST' | 'PUT', path: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url: `/api/v1/admin${path}`, headers: { ...as('owner', storeId), ...headers }, ...(payload ? { payload } : {}) });
}

/** Stock of a variant at the store's default location, read as the table owner. */
export async function stockOf(t: TestApp, storeId: string, variantId: string) {
  const r = await t.database.db.execute<{ on_hand: number; reserved: number; available: number }>(sql`
    select s.on_hand, s.reserved, s.available from stock_levels s join locations l on l.id = s.location_id and l.is_default
    where s.tenant_id = ${storeId} and s.variant_id = ${variantId}`);
  const row = r.rows[0];
  return row ? { onHand: row.on_hand, reserved: row.reserved, available: row.available } : { onHand: 0, reserved: 0, available: 0 };
}

/** Rows of a tenant table of the store (counted as the table owner). */
export async function countRows(t: TestApp, table: string, storeId: string): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${storeId}`);
  return r.rows[0]!.n;
}

export async function ledgerDifferences(t: TestApp, storeId: string) {
  return createLedgerCheckService({ db: t.database.db }).differences(systemCtx(t.log, 'test', storeId));
}

export async function ledgerOf(t: TestApp, storeId: string, variantId: string) {
  return inTransaction(t.database.db, { tenantId: storeId }, async (tx) =>
    (await tx.execute<{ kind: string; quantity: number; reference: string | null }>(sql`select kind, quantity, reference from stock_movements where tenant_id = ${storeId} and variant_id = ${variantId} order by id`)).rows,
  );
}

/** The order_confirmation mails queued for the store's order with this number, after the store's orders.queue-confirmations job has run. */
export async function confirmationMailsOf(t: TestApp, storeId: string, number: number): Promise<Array<Record<string, unknown>>> {
  await queueStoreConfirmations(t.database.db, createJobQueue({ maxAttempts: 3 }), storeId);
  return (await mailsQueued(t.database)).filter((m) => m.type === 'order_confirmation' && m.tenantId === storeId && (m.variables as { orderNumber?: number }).orderNumber === number);
}
