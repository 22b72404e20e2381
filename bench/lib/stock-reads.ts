import type { Call } from './checkout-store.ts';

/** A variant's stock over all its locations, as the admin API reports it. */
export interface StockFigures {
  onHand: number;
  reserved: number;
  available: number;
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Every row of an admin list, following its cursors. */
async function everyRow<T>(admin: Call, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page = (await admin('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)) as Page<T>;
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

export async function stockOf(admin: Call, variantId: string): Promise<StockFigures> {
  const levels = await everyRow<StockFigures>(admin, `/api/v1/admin/inventory/stock-levels?variantId=${variantId}`);
  if (levels.length === 0) throw new Error(`variant ${variantId} has no stock level`);
  return levels.reduce((sum, l) => ({ onHand: sum.onHand + l.onHand, reserved: sum.reserved + l.reserved, available: sum.available + l.available }), { onHand: 0, reserved: 0, available: 0 });
}

/** The sum of the variant's stock ledger over all locations: what on-hand must equal. */
export async function ledgerSum(admin: Call, variantId: string): Promise<number> {
  const movements = await everyRow<{ quantity: number }>(admin, `/api/v1/admin/inventory/variants/${variantId}/movements`);
  return movements.reduce((sum, m) => sum + m.quantity, 0);
}

/** Counts the stock so that exactly `available` units can be sold (a count correction in the ledger). */
export async function setAvailable(admin: Call, variantId: string, available: number): Promise<StockFigures> {
  const now = await stockOf(admin, variantId);
  await admin('POST', '/api/v1/admin/inventory/counts', { variantId, counted: now.reserved + available, reason: 'bench: hot-variant stock' });
  const after = await stockOf(admin, variantId);
  if (after.available !== available) throw new Error(`variant ${variantId}: counted for ${available} available, the API reports ${after.available}`);
  return after;
}

/** How many of the store's orders match the admin list's search (part of an email). */
export async function countOrders(admin: Call, q: string): Promise<number> {
  return (await everyRow<unknown>(admin, `/api/v1/admin/orders?q=${encodeURIComponent(q)}`)).length;
}
