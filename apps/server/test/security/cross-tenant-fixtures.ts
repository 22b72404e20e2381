import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import type { TestApp } from '../app.ts';
import { addStaff, signIn } from '../identity/staff-fixtures.ts';

/** Which kind of resource a path segment in front of an `:id`-style param names (`/staff/:id` → staff). */
export const RESOURCE_OF_SEGMENT: Record<string, string> = {
  staff: 'staff',
  sessions: 'session',
  'staff-invitations': 'invitation',
  'api-keys': 'apiKey',
  'ip-rules': 'ipRule',
  'publishable-keys': 'publishableKey',
  domains: 'domain',
  customers: 'customer',
  addresses: 'address',
  variants: 'variant',
  products: 'product',
  categories: 'category',
  brands: 'brand',
  'bulk-jobs': 'bulkJob',
  reservations: 'reservation',
  images: 'image',
  'tax-rates': 'taxRate',
  'shipping-methods': 'shippingMethod',
  'checkout-forms': 'checkoutForm',
  discounts: 'discount',
  orders: 'order',
  deliveries: 'delivery',
  'my-deliveries': 'delivery',
};

const sessionOf = (accessToken: string) => (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

async function created(t: TestApp, auth: Record<string, string>, url: string, payload: Record<string, unknown>): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url, headers: auth, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/**
 * One of each resource in a store, made the way its owner would (through the
 * API), except customers, addresses, products and variants, which are written as rows so the
 * sweep covers their id routes whichever way they are created. Routes that a
 * module has not registered yet are skipped; the sweep then has no route to
 * call with that id either.
 */
export async function makeResources(t: TestApp, store: { storeId: string; handle: string; ownerEmail: string; ownerId?: string }, owner: Record<string, string>): Promise<Record<string, string>> {
  const has = (method: string, url: string) => t.app.routeCatalog.some((r) => r.method === method && r.url === url);
  const staffEmail = `clerk@${store.handle}.test`;
  const staff = await addStaff(t, store.storeId, staffEmail, 'manager');
  const ids: Record<string, string> = { staff, session: sessionOf((await signIn(t, store.handle, staffEmail)).accessToken) };
  ids.invitation = await created(t, owner, '/api/v1/admin/staff-invitations', { email: `new@${store.handle}.test`, role: 'viewer' });
  ids.apiKey = await created(t, owner, '/api/v1/admin/api-keys', { name: 'erp', permissions: ['store:read'] });
  ids.ipRule = await created(t, owner, '/api/v1/admin/ip-rules', { cidr: '203.0.113.0/24', action: 'deny', reason: 'sweep' });
  if (has('POST', '/api/v1/admin/store/publishable-keys')) ids.publishableKey = await created(t, owner, '/api/v1/admin/store/publishable-keys', { name: 'kiosk' });
  if (has('POST', '/api/v1/admin/store/domains')) ids.domain = await created(t, owner, '/api/v1/admin/store/domains', { host: `${store.handle}.shop.test` });
  if (has('POST', '/api/v1/admin/catalog/categories')) ids.category = await created(t, owner, '/api/v1/admin/catalog/categories', { name: 'Kitchen' });
  if (has('POST', '/api/v1/admin/catalog/brands')) ids.brand = await created(t, owner, '/api/v1/admin/catalog/brands', { name: 'Acme' });
  ids.customer = uuidv7();
  ids.address = uuidv7();
  ids.product = uuidv7();
  ids.variant = uuidv7();
  await inTransaction(t.database.db, { tenantId: store.storeId }, async (tx) => {
    await tx.execute(sql`insert into customers (id, tenant_id, email, name) values (${ids.customer}, ${store.storeId}, ${`buyer@${store.handle}.test`}, 'Buyer')`);
    await tx.execute(sql`insert into customer_addresses (id, tenant_id, customer_id, name, line1, city, country) values (${ids.address}, ${store.storeId}, ${ids.customer}, 'Buyer', 'Main St 1', 'Utrecht', 'NL')`);
    // Products and variants as rows, so the sweep covers their id routes whichever way they are made; inventory routes take variant ids.
    await tx.execute(sql`insert into products (id, tenant_id, name, slug) values (${ids.product}, ${store.storeId}, 'Mug', 'mug')`);
    await tx.execute(sql`insert into variants (id, tenant_id, product_id, sku, price_amount, currency) values (${ids.variant}, ${store.storeId}, ${ids.product}, 'MUG-1', 1200, 'EUR')`);
  });
  if (has('GET', '/api/v1/admin/catalog/images/:id')) {
    // A row is enough: the sweep asks about ids, never about the stored files.
    ids.image = uuidv7();
    await inTransaction(t.database.db, { tenantId: store.storeId }, (tx) =>
      tx.execute(sql`insert into product_images (id, tenant_id, product_id, storage_key, original_name, mime, width, height) values (${ids.image}, ${store.storeId}, ${ids.product}, ${`${store.storeId}/${ids.image}.png`}, 'mug.png', 'image/png', 10, 10)`),
    );
  }
  if (has('GET', '/api/v1/admin/catalog/bulk-jobs/:id')) {
    // A finished export as a row, so that its file route answers 200 to its own store.
    ids.bulkJob = uuidv7();
    await inTransaction(t.database.db, { tenantId: store.storeId }, (tx) =>
      tx.execute(sql`insert into catalog_bulk_jobs (id, tenant_id, kind, status, file_name, output) values (${ids.bulkJob}, ${store.storeId}, 'export', 'succeeded', 'catalog.csv', 'product_slug,sku')`),
    );
  }
  if (has('POST', '/api/v1/admin/tax-rates')) ids.taxRate = await created(t, owner, '/api/v1/admin/tax-rates', { taxClass: 'reduced', ratePpm: 90_000 });
  if (has('POST', '/api/v1/admin/shipping-methods')) ids.shippingMethod = await created(t, owner, '/api/v1/admin/shipping-methods', { name: 'Post', kind: 'flat_rate', price: { amount: 495, currency: 'EUR' } });
  if (has('POST', '/api/v1/admin/checkout-forms')) {
    // A draft needs no items; its shipping method must be a cash-on-delivery one.
    const cod = await created(t, owner, '/api/v1/admin/shipping-methods', { name: 'Courier', kind: 'cash_on_delivery', price: { amount: 500, currency: 'EUR' }, codFee: { amount: 100, currency: 'EUR' } });
    ids.checkoutForm = await created(t, owner, '/api/v1/admin/checkout-forms', { slug: 'order-now', title: 'Order now', shippingMethodId: cod, defaultCountry: 'NL' });
  }
  if (has('POST', '/api/v1/admin/discounts')) ids.discount = await created(t, owner, '/api/v1/admin/discounts', { name: 'Welcome', code: 'WELCOME', kind: 'percentage', ratePpm: 100_000 });
  if (has('POST', '/api/v1/admin/inventory/reservations')) {
    await t.app.inject({ method: 'POST', url: '/api/v1/admin/inventory/receipts', headers: owner, payload: { variantId: ids.variant, quantity: 5 } });
    ids.reservation = await created(t, owner, '/api/v1/admin/inventory/reservations', { variantId: ids.variant, quantity: 1, reference: 'sweep' });
  }
  if (has('GET', '/api/v1/admin/orders/:id')) ids.order = await insertOrderRow(t, store.storeId);
  if (has('GET', '/api/v1/admin/deliveries/:id') && ids.order) {
    // Carried by the owner (who may record deliveries), so the agent's own routes find it too.
    ids.delivery = uuidv7();
    await inTransaction(t.database.db, { tenantId: store.storeId }, (tx) =>
      tx.execute(sql`insert into deliveries (tenant_id, id, order_id, agent_id, status, cash_due_amount, currency) values (${store.storeId}, ${ids.delivery}, ${ids.order}, ${store.ownerId ?? staff}, 'assigned', 0, 'EUR')`),
    );
  }
  return ids;
}

/** A placed order as rows (number 1, pending, no lines), so the sweep covers the order id routes without a checkout. */
async function insertOrderRow(t: TestApp, storeId: string): Promise<string> {
  const id = uuidv7();
  const zero = { amount: 0, currency: 'EUR' };
  const totals = { currency: 'EUR', pricesIncludeTax: true, lines: [], shipping: null, subtotal: zero, discountTotal: zero, shippingTotal: zero, taxTotal: zero, grandTotal: zero, taxBreakdown: [], appliedDiscounts: [], discountsNotApplied: [] };
  const address = { name: 'Buyer', line1: 'Main St 1', line2: null, city: 'Utrecht', postalCode: '3511 AA', region: null, country: 'NL', phone: null };
  await inTransaction(t.database.db, { tenantId: storeId }, (tx) =>
    tx.execute(sql`
      insert into orders (tenant_id, id, number, currency, email, customer_name, shipping_address, shipping_method, payment_method,
                          subtotal_amount, discount_amount, shipping_amount, tax_amount, grand_total_amount, totals)
      values (${storeId}, ${id}, 1, 'EUR', 'buyer@example.test', 'Buyer', ${JSON.stringify(address)}::jsonb, ${JSON.stringify({ id: uuidv7(), name: 'Post', kind: 'flat_rate' })}::jsonb,
              'manual', 0, 0, 0, 0, 0, ${JSON.stringify(totals)}::jsonb)`),
  );
  return id;
}

/** Every row of every tenant-owned table that belongs to the store, as seen under its own row-level security scope. */
export async function snapshotStore(t: TestApp, storeId: string): Promise<Record<string, string[]>> {
  const tables = await t.database.pool.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
  );
  const snapshot: Record<string, string[]> = {};
  await inTransaction(t.database.db, { tenantId: storeId }, async (tx) => {
    for (const { table_name: table } of tables.rows) {
      const rows = await tx.execute(sql`select * from ${sql.identifier(table)} where tenant_id = ${storeId}`);
      snapshot[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
    }
  });
  return snapshot;
}
