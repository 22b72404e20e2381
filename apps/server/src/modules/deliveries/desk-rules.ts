import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { findStaffById } from '../identity/index.ts';
import type { OrderStatus } from '../orders/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import { storeDayOf } from './store-day.ts';

/** A cash-on-delivery order may be given to an agent once staff confirmed it, until it leaves. */
export const ASSIGNABLE_ORDER_STATUSES: readonly OrderStatus[] = ['confirmed', 'processing'];

/** The store's calendar: which day it is there now, and its currency. */
export async function storeCalendar(tx: Tx, tenantId: string, now: Date): Promise<{ today: string; timezone: string; currency: string }> {
  const store = await findStoreById(tx, tenantId);
  if (!store) throw new Error(`store ${tenantId} has no row`);
  return { today: storeDayOf(now, store.timezone), timezone: store.timezone, currency: store.defaultCurrency };
}

/** Refuses a day before `today` (both YYYY-MM-DD in the store's time zone), naming the field. */
export function assertNotPast(day: string, today: string, path: string): void {
  if (day < today) throw new DomainError('DELIVERY_DATE_IN_PAST', `${day} is already over in the store's time zone (today is ${today}).`, [{ path, message: `is before today (${today}) in the store's time zone` }]);
}

/** Refuses a day after `today`: its cash cannot be counted yet. */
export function assertNotFuture(day: string, today: string, path: string): void {
  if (day > today) throw new DomainError('CASH_RECONCILIATION_DATE_IN_FUTURE', `${day} has not begun in the store's time zone (today is ${today}).`, [{ path, message: `is after today (${today}) in the store's time zone` }]);
}

/**
 * The agent must be an active staff member of this store with the delivery_agent role. An unknown
 * id and another store's member get the same answer.
 */
export async function assertDeliveryAgent(tx: Tx, tenantId: string, agentId: string): Promise<void> {
  const staff = await findStaffById(tx, tenantId, agentId);
  const problem = !staff
    ? 'is not a staff member of this store'
    : staff.status !== 'active'
      ? 'is a disabled staff account'
      : staff.role !== 'delivery_agent'
        ? `has the role ${staff.role}, not delivery_agent`
        : null;
  if (problem) throw new DomainError('DELIVERY_AGENT_INVALID', `The agent ${problem}.`, [{ path: 'body.agentId', message: problem }]);
}
