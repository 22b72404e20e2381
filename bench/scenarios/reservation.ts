import { call } from '../lib/demo-store.ts';
import type { Scenario } from './scenario.ts';

const STOCK = 10_000_000;
const REFERENCE = 'bench-hot-variant';

/** The variant every request reserves from, with its API key. */
const hot: { variantId?: string; apiKey?: string; onHandBefore?: number; reservedBefore?: number } = {};

interface StockLevel {
  onHand: number;
  reserved: number;
  available: number;
}

async function level(baseUrl: string, apiKey: string, variantId: string): Promise<StockLevel> {
  const res = await call(baseUrl, 'GET', `/api/v1/admin/inventory/stock-levels?variantId=${variantId}&limit=100`, undefined, { authorization: `Bearer ${apiKey}` });
  const rows = (res.json as { data?: StockLevel[] } | null)?.data ?? [];
  if (res.status !== 200 || rows.length === 0) throw new Error(`stock levels of the hot variant answered ${res.status}`);
  return rows.reduce((sum, r) => ({ onHand: sum.onHand + r.onHand, reserved: sum.reserved + r.reserved, available: sum.available + r.available }), { onHand: 0, reserved: 0, available: 0 });
}

export const reservationHotVariant: Scenario = {
  name: 'reservation-hot-variant',
  description: 'POST /api/v1/admin/inventory/reservations: one unit of the same variant per request (API key); every request adds a reservation',
  method: 'POST',
  path: '/api/v1/admin/inventory/reservations',
  headers: { 'content-type': 'application/json' },
  expectStatus: 201,
  async setup(ctx) {
    const demo = await ctx.demo();
    const apiKey = await demo.apiKey('bench reservations', ['inventory:read', 'inventory:write', 'catalog:read']);
    const auth = { authorization: `Bearer ${apiKey}` };
    const products = await call(ctx.baseUrl, 'GET', '/api/v1/admin/catalog/products?limit=1', undefined, auth);
    const productId = (products.json as { data?: Array<{ id: string }> } | null)?.data?.[0]?.id;
    if (!productId) throw new Error(`listing products answered ${products.status}`);
    const product = await call(ctx.baseUrl, 'GET', `/api/v1/admin/catalog/products/${productId}`, undefined, auth);
    const variantId = (product.json as { variants?: Array<{ id: string }> } | null)?.variants?.[0]?.id;
    if (!variantId) throw new Error(`reading product ${productId} answered ${product.status}`);
    const received = await call(ctx.baseUrl, 'POST', '/api/v1/admin/inventory/receipts', { variantId, quantity: STOCK, reason: 'bench' }, auth);
    if (received.status >= 300) throw new Error(`receiving stock answered ${received.status}: ${JSON.stringify(received.json)}`);
    const before = await level(ctx.baseUrl, apiKey, variantId);
    Object.assign(hot, { variantId, apiKey, onHandBefore: before.onHand, reservedBefore: before.reserved });
    // Held for a day, so none expire (and come back) while the bench runs.
    return { headers: auth, body: JSON.stringify({ variantId, quantity: 1, reference: REFERENCE, expiresInSeconds: 86_400 }) };
  },
  async verify(ctx, _prepared, { succeeded, uncounted }) {
    const after = await level(ctx.baseUrl, hot.apiKey!, hot.variantId!);
    const reservedNow = after.reserved - hot.reservedBefore!;
    const line = `reservations answered 201: ${succeeded} (+ up to ${uncounted} cut off when runs stopped); units reserved on the variant: ${reservedNow}; on hand ${after.onHand} (unchanged: ${after.onHand === hot.onHandBefore}), available ${after.available}`;
    const consistent = reservedNow >= succeeded && reservedNow <= succeeded + uncounted && after.onHand === hot.onHandBefore && after.available === after.onHand - after.reserved;
    if (!consistent) throw new Error(`stock disagrees with the answers: ${line}`);
    return line;
  },
};
