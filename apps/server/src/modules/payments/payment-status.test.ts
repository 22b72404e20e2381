import { describe, expect, it } from 'vitest';
import { canMovePayment, PAYMENT_TRANSITIONS, REPLACEABLE_PAYMENT_STATUSES } from './payment-status.ts';
import { PAYMENT_RECORD_STATUSES } from './payments.tables.ts';

describe('payment status table', () => {
  it('names every status, and only known ones', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_RECORD_STATUSES].sort());
    for (const targets of Object.values(PAYMENT_TRANSITIONS)) for (const to of targets) expect(PAYMENT_RECORD_STATUSES).toContain(to);
  });

  it('keeps succeeded final: a late failure or cancellation never undoes money taken', () => {
    for (const to of PAYMENT_RECORD_STATUSES) expect(canMovePayment('succeeded', to)).toBe(false);
  });

  it('records money the provider took for a payment given up on', () => {
    expect(canMovePayment('cancelled', 'succeeded')).toBe(true);
    expect(canMovePayment('cancelled', 'pending')).toBe(false);
    expect(canMovePayment('cancelled', 'failed')).toBe(false);
  });

  it('lets a failed attempt be retried on the same provider payment', () => {
    expect(canMovePayment('failed', 'succeeded')).toBe(true);
    expect(canMovePayment('failed', 'requires_action')).toBe(true);
  });

  it('never moves a status to itself (a repeated report changes nothing)', () => {
    for (const from of PAYMENT_RECORD_STATUSES) expect(canMovePayment(from, from)).toBe(false);
  });

  it('lets a newer payment replace only those that took no money yet', () => {
    for (const status of REPLACEABLE_PAYMENT_STATUSES) expect(canMovePayment(status, 'cancelled')).toBe(true);
    expect(REPLACEABLE_PAYMENT_STATUSES).not.toContain('succeeded');
  });
});
