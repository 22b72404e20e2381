import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { findStoreById } from '../tenancy/index.ts';
import { ORDER_CSV_COLUMNS, orderCsvRows } from './order-csv.ts';
import { countOrders, ordersBefore, type OrderFilters } from './order-list.repository.ts';
import { linesOfOrders, type OrderLineRow } from './order.repository.ts';
import { storeOf, type OrdersDeps } from './orders.deps.ts';

/** Orders read (and written out) per query. */
export const EXPORT_BATCH_ORDERS = 500;
/** The most orders one export may hold; more is refused before anything is sent. */
export const EXPORT_MAX_ORDERS = 100_000;

export interface OrderExport {
  fileName: string;
  /** How many orders matched when the export started. */
  orderCount: number;
  /** The CSV text, header first, one chunk per batch of orders; read lazily. */
  chunks: AsyncIterable<string>;
}

const describeFilters = (f: OrderFilters) =>
  Object.entries(f)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value instanceof Date ? value.toISOString() : String(value)}`)
    .join(', ') || 'no filters';

function groupByOrder(lines: OrderLineRow[]): Map<string, OrderLineRow[]> {
  const groups = new Map<string, OrderLineRow[]>();
  for (const line of lines) {
    const group = groups.get(line.orderId);
    if (group) group.push(line);
    else groups.set(line.orderId, [line]);
  }
  return groups;
}

/**
 * The store's orders as CSV for staff, with the list's filters. Orders are
 * read newest first in keyset batches, each batch (orders and their lines)
 * in its own short transaction, and only when the reader asks for more.
 */
export function createOrderExportService({ db }: Pick<OrdersDeps, 'db'>, limits = { maxOrders: EXPORT_MAX_ORDERS, batchOrders: EXPORT_BATCH_ORDERS }) {
  async function* chunksOf(tenantId: string, filters: OrderFilters): AsyncGenerator<string> {
    yield stringify([[...ORDER_CSV_COLUMNS]]);
    let before: string | undefined;
    for (;;) {
      const rows = await inTransaction(db, { tenantId }, async (tx) => {
        const batch = await ordersBefore(tx, tenantId, filters, before, limits.batchOrders);
        const linesOf = groupByOrder(await linesOfOrders(tx, tenantId, batch.map((o) => o.id)));
        before = batch.at(-1)?.id;
        return batch.flatMap((order) => orderCsvRows(order, linesOf.get(order.id) ?? []));
      });
      if (rows.length > 0) yield stringify(rows);
      if (!before) return;
    }
  }

  return {
    /** Checks the size and names the file; refused with ORDER_EXPORT_TOO_LARGE when more orders match than one export holds. */
    async exportOrders(ctx: Ctx, filters: OrderFilters): Promise<OrderExport> {
      const tenantId = storeOf(ctx);
      const { orderCount, handle } = await inTransaction(db, { tenantId }, async (tx) => ({
        orderCount: await countOrders(tx, tenantId, filters),
        handle: (await findStoreById(tx, tenantId))?.handle,
      }));
      if (orderCount > limits.maxOrders) {
        throw new DomainError(
          'ORDER_EXPORT_TOO_LARGE',
          `${orderCount} orders match (${describeFilters(filters)}); one export holds at most ${limits.maxOrders}. Narrow it, e.g. with placedFrom and placedTo.`,
          [{ path: 'placedFrom', message: 'narrow the period' }, { path: 'placedTo', message: 'narrow the period' }],
        );
      }
      const day = new Date().toISOString().slice(0, 10);
      const name = handle ? `${handle.replace(/[^a-z0-9-]/gi, '-')}-${day}` : day;
      return { fileName: `orders-${name}.csv`, orderCount, chunks: chunksOf(tenantId, filters) };
    },
  };
}

export type OrderExportService = ReturnType<typeof createOrderExportService>;
