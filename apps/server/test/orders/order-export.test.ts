import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderExportService } from '../../src/modules/orders/order-export.service.ts';
import { ORDER_CSV_COLUMNS } from '../../src/modules/orders/order-csv.ts';
import type { Role } from '../../src/modules/security/permissions.ts';
import { systemCtx } from '../../src/platform/context.ts';
import type { DomainError } from '../../src/platform/errors.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, testRoleVerifier } from '../security/fixtures.ts';
import { ADDRESS, addLine, addProduct, checkout, orderShop, readyCart, receive, staff, store, type Shop } from './fixtures.ts';

let t: TestApp;
let shopA: Shop;
let shopB: Shop;
let skuOfA: { mug: string; formula: string };
let skuOfB: string;
const placedA: Array<{ id: string; number: number }> = [];

/** Checks out a ready cart, optionally with more lines and another address first. */
async function place(shop: Shop, cart: { id: string; token: string }, payment: string, extra: { lines?: Array<[string, number]>; address?: Record<string, unknown> } = {}) {
  for (const [variantId, quantity] of extra.lines ?? []) await addLine(t, shop, cart, variantId, quantity);
  if (extra.address) {
    const res = await store(t, shop, 'PUT', `/carts/${cart.id}/shipping-address`, { token: cart.token, payload: extra.address });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const res = await checkout(t, shop, cart, payment);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; number: number; lines: Array<{ sku: string }> };
}

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  const a = await orderShop(t, 'export-a', 50);
  shopA = a.shop;
  const formula = await addProduct(t, shopA.storeId, '=SUM(A1)', 250);
  await receive(t, shopA.storeId, formula.variantId, 10);
  const first = await place(shopA, await readyCart(t, shopA, a.mug.variantId, 2, a.post), 'manual', { lines: [[formula.variantId, 1]] });
  placedA.push(first);
  placedA.push(await place(shopA, await readyCart(t, shopA, a.mug.variantId, 1, a.cod), 'cash_on_delivery'));
  placedA.push(
    await place(shopA, await readyCart(t, shopA, a.mug.variantId, 1, a.post), 'manual', {
      address: { ...ADDRESS, name: '=HYPERLINK("http://evil.test","open me")', line1: '@SUM(1+1)', city: '-2+3' },
    }),
  );
  skuOfA = { mug: first.lines.find((l) => !l.sku.startsWith('-'))!.sku, formula: first.lines.find((l) => l.sku.startsWith('-'))!.sku };

  const b = await orderShop(t, 'export-b', 5);
  shopB = b.shop;
  skuOfB = (await place(shopB, await readyCart(t, shopB, b.mug.variantId, 1, b.post), 'manual')).lines[0]!.sku;
});
afterAll(() => t.close());

const exportOf = (storeId: string, query = '', role: Role = 'owner') => t.app.inject({ method: 'GET', url: `/api/v1/admin/orders/export${query}`, headers: as(role, storeId) });
type Row = Record<(typeof ORDER_CSV_COLUMNS)[number], string>;
const rowsOf = (body: string) => parse(body, { columns: true }) as Row[];

describe('GET /api/v1/admin/orders/export', () => {
  it('answers a CSV attachment with one row per order line, newest order first', async () => {
    const res = await exportOf(shopA.storeId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="orders-export-a-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(res.body.split('\n')[0]).toBe(ORDER_CSV_COLUMNS.join(','));
    const rows = rowsOf(res.body);
    expect(rows.map((r) => [r.order_number, r.line_sku])).toEqual([
      ['3', skuOfA.mug],
      ['2', skuOfA.mug],
      ['1', skuOfA.mug],
      ['1', `'${skuOfA.formula}`],
    ]);
  });

  it("writes the order's values and money as decimals in the currency's exponent, the order totals on each of its rows", async () => {
    const detail = (await staff(t, shopA.storeId, 'GET', `/orders/${placedA[0]!.id}`)).json();
    const [mugRow, formulaRow] = rowsOf((await exportOf(shopA.storeId)).body).filter((r) => r.order_number === '1');
    const decimal = (m: { amount: number }) => (m.amount / 100).toFixed(2);
    expect(mugRow).toMatchObject({
      placed_at: detail.placedAt,
      status: 'pending',
      payment_method: 'manual',
      payment_status: 'unpaid',
      email: 'kim@example.test',
      customer_name: 'Kim Buyer',
      phone: detail.phone === null ? '' : `'${detail.phone}`,
      ship_line1: 'Main St 1',
      ship_line2: '',
      ship_city: 'Utrecht',
      ship_postal_code: '3511 AA',
      ship_country: 'NL',
      ship_phone: "'+31 6 1234 5678",
      shipping_method: 'Post',
      currency: 'EUR',
      line_name: 'Mug',
      quantity: '2',
      unit_price: '12.10',
      line_discount: '0.00',
      line_tax: decimal(detail.lines[0].tax),
      line_total: decimal(detail.lines[0].total),
      order_subtotal: decimal(detail.subtotal),
      order_discount: '0.00',
      order_shipping: '4.95',
      order_tax: decimal(detail.taxTotal),
      order_grand_total: decimal(detail.grandTotal),
    });
    expect(mugRow!.placed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(formulaRow).toMatchObject({ quantity: '1', unit_price: '2.50', line_total: decimal(detail.lines[1].total) });
    const orderColumns = ORDER_CSV_COLUMNS.filter((c) => !c.startsWith('line_') && c !== 'quantity' && c !== 'unit_price');
    for (const column of orderColumns) expect(formulaRow![column]).toBe(mugRow![column]);
  });

  it('applies the list filters', async () => {
    const numbers = async (query: string) => [...new Set(rowsOf((await exportOf(shopA.storeId, query)).body).map((r) => r.order_number))];
    expect(await numbers('?paymentMethod=cash_on_delivery')).toEqual(['2']);
    expect(await numbers('?q=%233')).toEqual(['3']);
    expect(await numbers(`?placedTo=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).toEqual([]);
    await staff(t, shopA.storeId, 'POST', `/orders/${placedA[0]!.id}/status`, { status: 'confirmed' });
    expect(await numbers('?status=confirmed')).toEqual(['1']);
    await staff(t, shopA.storeId, 'PUT', `/orders/${placedA[1]!.id}/tags`, { tags: ['wholesale'] });
    expect(await numbers('?tag=wholesale')).toEqual(['2']);
    const none = await exportOf(shopA.storeId, '?q=nobody');
    expect(none.body).toBe(`${ORDER_CSV_COLUMNS.join(',')}\n`);
    expect((await exportOf(shopA.storeId, '?status=lost')).statusCode).toBe(422);
  });

  it("never holds another store's orders", async () => {
    const a = (await exportOf(shopA.storeId)).body;
    expect(a).not.toContain(skuOfB);
    const b = rowsOf((await exportOf(shopB.storeId)).body);
    expect(b.map((r) => [r.order_number, r.line_sku])).toEqual([['1', skuOfB]]);
  });

  it('needs orders:export: viewers and cashiers (who may read orders) get 403, accountants the file', async () => {
    for (const role of ['viewer', 'cashier', 'inventory_manager'] as const) {
      const res = await exportOf(shopA.storeId, '', role);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('ACCESS_FORBIDDEN');
    }
    expect((await exportOf(shopA.storeId, '', 'accountant')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/orders/export' })).statusCode).toBe(401);
  });

  it('neutralises cells a spreadsheet would read as a formula', async () => {
    const row = rowsOf((await exportOf(shopA.storeId, '?q=%233')).body)[0]!;
    expect(row.customer_name).toBe(`'=HYPERLINK("http://evil.test","open me")`);
    expect(row.ship_line1).toBe("'@SUM(1+1)");
    expect(row.ship_city).toBe("'-2+3");
    const formulaLine = rowsOf((await exportOf(shopA.storeId, '?q=%231')).body).find((r) => r.line_name.includes('SUM'))!;
    expect(formulaLine.line_name).toBe("'=SUM(A1)");
  });

  it('leaves GET /orders/:id to order ids', async () => {
    expect((await staff(t, shopA.storeId, 'GET', `/orders/${placedA[2]!.id}`)).json().number).toBe(3);
  });
});

describe('the export service', () => {
  const ctx = () => systemCtx(t.log, 'test', shopA.storeId);
  const text = async (chunks: AsyncIterable<string>) => {
    let all = '';
    for await (const chunk of chunks) all += chunk;
    return all;
  };

  it('reads in keyset batches and writes the same file as one batch would', async () => {
    const small = createOrderExportService({ db: t.database.db }, { maxOrders: 100, batchOrders: 1 });
    expect(await text((await small.exportOrders(ctx(), {})).chunks)).toBe((await exportOf(shopA.storeId)).body);
  });

  it('refuses with ORDER_EXPORT_TOO_LARGE, naming the filters, when more orders match than one export holds', async () => {
    const capped = createOrderExportService({ db: t.database.db }, { maxOrders: 1, batchOrders: 500 });
    const refused = (await capped.exportOrders(ctx(), { paymentMethod: 'manual' }).catch((e: unknown) => e)) as DomainError;
    expect(refused.code).toBe('ORDER_EXPORT_TOO_LARGE');
    expect(refused.detail).toContain('2 orders match (paymentMethod=manual)');
    expect((await capped.exportOrders(ctx(), { paymentMethod: 'cash_on_delivery' })).orderCount).toBe(1);
  });
});
