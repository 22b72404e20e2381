import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Page, PageQuery } from '../../platform/http/pagination.ts';
import { findStaffById } from '../identity/index.ts';
import type { Money } from '../pricing/index.ts';
import * as repo from './cash-reconciliation.repository.ts';
import { storeOf, type DeliveriesDeps } from './deliveries.deps.ts';
import { assertNotFuture, storeCalendar } from './desk-rules.ts';

export interface ClosingView {
  id: string;
  expected: Money;
  collected: Money;
  deliveryCount: number;
  counted: Money;
  /** counted − expected: what the day's deliveries should have brought and did not (negative) or did beyond (positive). */
  difference: Money;
  /** counted − collected: what the agent recorded at the doors and did not hand over (negative). */
  handoverDifference: Money;
  note: string | null;
  closedBy: string;
  closedAt: string;
}

/** One agent's cash for one store day, in one currency. */
export interface CashDayView {
  agentId: string;
  agentName: string | null;
  date: string;
  currency: string;
  /** Every delivery the agent handed over that day, closed or not. */
  expected: Money;
  collected: Money;
  deliveryCount: number;
  closing: ClosingView | null;
  /** The deliveries no closing covers: the whole day while it is open, those handed over after the closing once it is closed. */
  unreconciled: { deliveryCount: number; expected: Money; collected: Money };
}

export interface CloseDayInput {
  agentId: string;
  date: string;
  counted: Money;
  note?: string | undefined;
}

const NONE = { deliveryCount: 0, expected: 0, collected: 0 };

function dayView(agentId: string, agentName: string | null, date: string, currency: string, figures: typeof NONE, closing: repo.ClosingRow | undefined): CashDayView {
  const m = (amount: number) => ({ amount, currency });
  const closingView: ClosingView | null = closing
    ? {
        id: closing.id,
        expected: m(closing.expectedAmount),
        collected: m(closing.collectedAmount),
        deliveryCount: closing.deliveryCount,
        counted: m(closing.countedAmount),
        difference: m(closing.countedAmount - closing.expectedAmount),
        handoverDifference: m(closing.countedAmount - closing.collectedAmount),
        note: closing.note,
        closedBy: closing.closedBy,
        closedAt: closing.closedAt.toISOString(),
      }
    : null;
  const covered = { deliveryCount: closing?.deliveryCount ?? 0, expected: closing?.expectedAmount ?? 0, collected: closing?.collectedAmount ?? 0 };
  return {
    agentId,
    agentName,
    date,
    currency,
    expected: m(figures.expected),
    collected: m(figures.collected),
    deliveryCount: figures.deliveryCount,
    closing: closingView,
    // A handed-over delivery never changes again, so what the closing did not count is the difference of the sums.
    unreconciled: { deliveryCount: figures.deliveryCount - covered.deliveryCount, expected: m(figures.expected - covered.expected), collected: m(figures.collected - covered.collected) },
  };
}

/** The agents' rows of a day: one per currency they handed over in, or closed in. */
async function dayRows(tx: Tx, tenantId: string, date: string, agentIds: string[]): Promise<CashDayView[]> {
  const [figures, closings, names] = [await repo.dayFigures(tx, tenantId, date, agentIds), await repo.closingsOfDay(tx, tenantId, date, agentIds), await repo.staffNames(tx, tenantId, agentIds)];
  return agentIds.flatMap((agentId) => {
    const own = figures.filter((f) => f.agentId === agentId);
    const closing = closings.find((c) => c.agentId === agentId);
    const currencies = [...new Set([...own.map((f) => f.currency), ...(closing ? [closing.currency] : [])])].sort();
    return currencies.map((currency) =>
      dayView(agentId, names.get(agentId) ?? null, date, currency, own.find((f) => f.currency === currency) ?? NONE, closing?.currency === currency ? closing : undefined),
    );
  });
}

const alreadyClosed = (c: repo.ClosingRow) =>
  new DomainError('CASH_RECONCILIATION_CONFLICT', `This agent's ${c.businessDate} was already closed at ${c.closedAt.toISOString()} by ${c.closedBy}; a closing is never redone.`, [{ path: 'body.date', message: 'is already closed for this agent' }]);

/** The accountant's daily cash count per delivery agent. */
export function createCashReconciliationService({ db, now }: DeliveriesDeps) {
  return {
    /** Every agent with cash on the store day `date` (YYYY-MM-DD in the store's time zone), in agent id order. */
    async day(ctx: Ctx, date: string, filters: { agentId?: string | undefined }, page: PageQuery): Promise<Page<CashDayView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const ids = await repo.agentsOfDay(tx, tenantId, date, page, filters.agentId);
        const shown = ids.slice(0, page.limit);
        return { data: await dayRows(tx, tenantId, date, shown), nextCursor: ids.length > page.limit ? shown[shown.length - 1]! : null };
      });
    },

    /**
     * Closes one agent's day with the cash counted at handover. The expected and collected figures
     * are taken now and kept; a day is closed once (409 after that).
     */
    async close(ctx: Ctx, input: CloseDayInput): Promise<CashDayView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const existing = await repo.findClosing(tx, tenantId, input.agentId, input.date);
        if (existing) throw alreadyClosed(existing);
        const calendar = await storeCalendar(tx, tenantId, now());
        assertNotFuture(input.date, calendar.today, 'body.date');
        if (!(await findStaffById(tx, tenantId, input.agentId))) {
          throw new DomainError('CASH_RECONCILIATION_AGENT_INVALID', 'The agent is not a staff member of this store.', [{ path: 'body.agentId', message: 'is not a staff member of this store' }]);
        }
        const figures = await repo.dayFigures(tx, tenantId, input.date, [input.agentId]);
        if (figures.length > 1) {
          throw new DomainError('CASH_RECONCILIATION_CURRENCIES', `The agent collected ${figures.map((f) => f.currency).join(' and ')} that day; a day is closed in one currency.`, [{ path: 'body.counted.currency', message: 'the day holds more than one currency' }]);
        }
        const day = figures[0] ?? { ...NONE, currency: calendar.currency };
        if (input.counted.currency !== day.currency) {
          throw new DomainError('CASH_RECONCILIATION_CURRENCY_MISMATCH', `The day's cash is in ${day.currency}, not ${input.counted.currency}.`, [{ path: 'body.counted.currency', message: `must be ${day.currency}` }]);
        }
        const closing = await repo.insertClosing(tx, {
          tenantId,
          id: uuidv7(),
          agentId: input.agentId,
          businessDate: input.date,
          currency: day.currency,
          expectedAmount: day.expected,
          collectedAmount: day.collected,
          countedAmount: input.counted.amount,
          deliveryCount: day.deliveryCount,
          note: input.note ?? null,
          closedBy: actorLabel(ctx.actor),
        });
        // Another close of the same day committed while this one ran.
        if (!closing) throw alreadyClosed((await repo.findClosing(tx, tenantId, input.agentId, input.date))!);
        const [row] = (await dayRows(tx, tenantId, input.date, [input.agentId])).filter((r) => r.currency === day.currency);
        return row!;
      });
    },
  };
}

export type CashReconciliationService = ReturnType<typeof createCashReconciliationService>;
