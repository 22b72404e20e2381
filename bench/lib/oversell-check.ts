import type { Call } from './checkout-store.ts';
import type { FlowMeasurement } from './flow-driver.ts';
import { countOrders, ledgerSum, stockOf, type StockFigures } from './stock-reads.ts';

/** A hot-variant run as it started: the variant, the units it could sell, the stock then, the search that finds its orders. */
export interface HotRun {
  variantId: string;
  stock: number;
  before: StockFigures;
  /** Part of every email of the run's carts. */
  emailTag: string;
}

/** What the run left behind, for the report. */
export interface HotRunFigures {
  initialStock: number;
  answered201: number;
  answered409: number;
  ordersCreated: number;
  oversold: number;
  onHand: number;
  reserved: number;
  available: number;
  ledgerSum: number;
}

/**
 * Checks that the hot variant sold no more than it had: orders created (found through the admin
 * order list) ≤ the stock set before the run, every order holds exactly one unit (reserved grew
 * by the orders), available = stock − orders and never negative, on hand untouched and equal to
 * the ledger's sum, and a 409 only once nothing was left. `problems` names whatever disagrees.
 */
export async function checkHotRun(admin: Call, run: HotRun, m: FlowMeasurement): Promise<{ line: string; figures: HotRunFigures; problems: string[] }> {
  const after = await stockOf(admin, run.variantId);
  const figures: HotRunFigures = {
    initialStock: run.stock,
    answered201: m.okTotal,
    answered409: m.statuses['409'] ?? 0,
    ordersCreated: await countOrders(admin, run.emailTag),
    oversold: 0,
    onHand: after.onHand,
    reserved: after.reserved,
    available: after.available,
    ledgerSum: await ledgerSum(admin, run.variantId),
  };
  figures.oversold = Math.max(0, figures.ordersCreated - run.stock, -after.available);
  const problems = [
    figures.oversold > 0 && `oversold by ${figures.oversold}`,
    after.reserved - run.before.reserved !== figures.ordersCreated && `reserved grew by ${after.reserved - run.before.reserved}, not by the ${figures.ordersCreated} orders`,
    after.available !== run.stock - figures.ordersCreated && `available is ${after.available}, not ${run.stock} − ${figures.ordersCreated}`,
    after.onHand !== run.before.onHand && `on hand moved from ${run.before.onHand} to ${after.onHand}`,
    figures.ledgerSum !== after.onHand && `the ledger sums to ${figures.ledgerSum}, on hand is ${after.onHand}`,
    figures.answered201 > figures.ordersCreated && `${figures.answered201} answers 201 but only ${figures.ordersCreated} orders exist`,
    figures.answered409 > 0 && after.available > 0 && `${figures.answered409} answers 409 while ${after.available} were still available`,
  ].filter((p): p is string => typeof p === 'string');
  const line =
    `stock ${run.stock} on variant ${run.variantId}; answers 201: ${figures.answered201}, 409: ${figures.answered409}; orders created: ${figures.ordersCreated}; ` +
    `stock left: on hand ${after.onHand}, reserved ${after.reserved}, available ${after.available}; ledger sum ${figures.ledgerSum}; oversold ${figures.oversold}`;
  return { line, figures, problems };
}
