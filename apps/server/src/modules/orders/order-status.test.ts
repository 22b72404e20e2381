import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { assertOrderMove, canMoveOrder, EDITABLE_STATUSES, ORDER_STATUSES, ORDER_TRANSITIONS, RESTOCKING_STATUSES, type OrderStatus } from './order-status.ts';

/** Statuses reachable from `start` by following the table. */
function reachable(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue = [start];
  while (queue.length > 0) for (const next of ORDER_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) queue.push(next), seen.add(next);
  return seen;
}

describe('order status moves', () => {
  it('takes an order along the happy path, and by the door-step detour', () => {
    const path: OrderStatus[] = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'completed'];
    for (let i = 1; i < path.length; i++) expect(canMoveOrder(path[i - 1]!, path[i]!)).toBe(true);
    const cod: OrderStatus[] = ['processing', 'out_for_delivery', 'shipped', 'out_for_delivery', 'delivered'];
    for (let i = 1; i < cod.length; i++) expect(canMoveOrder(cod[i - 1]!, cod[i]!)).toBe(true);
  });

  it('reaches every status from pending, every status can still end refunded, and refunded is the only final one', () => {
    expect([...reachable('pending')].sort()).toEqual([...ORDER_STATUSES].sort());
    for (const status of ORDER_STATUSES) expect(reachable(status).has('refunded')).toBe(true);
    expect(ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[s].length === 0)).toEqual(['refunded']);
  });

  it('names only known statuses in the table', () => {
    for (const targets of Object.values(ORDER_TRANSITIONS)) for (const t of targets) expect(ORDER_STATUSES).toContain(t);
  });

  it('refuses to go back, to skip payment of goods never sent, or to cancel what left the warehouse', () => {
    expect(canMoveOrder('confirmed', 'pending')).toBe(false);
    expect(canMoveOrder('pending', 'shipped')).toBe(false);
    expect(canMoveOrder('pending', 'refunded')).toBe(false);
    expect(canMoveOrder('shipped', 'cancelled')).toBe(false);
    expect(canMoveOrder('delivered', 'cancelled')).toBe(false);
    expect(canMoveOrder('refunded', 'completed')).toBe(false);
    expect(canMoveOrder('cancelled', 'confirmed')).toBe(false);
  });

  it('says why a move is refused: the current status and what it allows', () => {
    const refused = (() => {
      try {
        assertOrderMove('shipped', 'cancelled');
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('ORDER_TRANSITION_CONFLICT');
    expect((refused as DomainError).message).toMatch(/is shipped; it cannot become cancelled \(from shipped it can become out_for_delivery, delivered, returned\)/);
    expect(() => assertOrderMove('refunded', 'returned')).toThrow(/refunded is final/);
    expect(() => assertOrderMove('pending', 'confirmed')).not.toThrow();
  });

  it('restocks on cancel and return only, and lets staff edit only before fulfilment', () => {
    expect([...RESTOCKING_STATUSES].sort()).toEqual(['cancelled', 'returned']);
    expect([...EDITABLE_STATUSES].sort()).toEqual(['confirmed', 'pending']);
  });
});
