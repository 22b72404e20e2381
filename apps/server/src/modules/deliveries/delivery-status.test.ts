import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { DELIVERY_STATUSES } from './deliveries.tables.ts';
import { assertDeliveryMove, assertDeliveryOpen, canMoveDelivery, DELIVERY_TRANSITIONS, OPEN_DELIVERY_STATUSES } from './delivery-status.ts';

describe('delivery status table', () => {
  it('names every status, and only known ones as targets', () => {
    expect(Object.keys(DELIVERY_TRANSITIONS).sort()).toEqual([...DELIVERY_STATUSES].sort());
    for (const targets of Object.values(DELIVERY_TRANSITIONS)) for (const to of targets) expect(DELIVERY_STATUSES).toContain(to);
  });

  it('lets only a delivery that is out record its outcome', () => {
    for (const outcome of ['delivered', 'attempt_failed', 'rescheduled'] as const) {
      const from = DELIVERY_STATUSES.filter((s) => canMoveDelivery(s, outcome));
      expect(from, outcome).toEqual(['out_for_delivery']);
    }
  });

  it('ends at delivered, returned and cancelled, which are exactly the statuses that are not open', () => {
    const final = DELIVERY_STATUSES.filter((s) => DELIVERY_TRANSITIONS[s].length === 0);
    expect(final.sort()).toEqual(['cancelled', 'delivered', 'returned']);
    expect([...OPEN_DELIVERY_STATUSES, ...final].sort()).toEqual([...DELIVERY_STATUSES].sort());
  });

  it('lets a failed or rescheduled delivery go out again', () => {
    expect(canMoveDelivery('attempt_failed', 'out_for_delivery')).toBe(true);
    expect(canMoveDelivery('rescheduled', 'out_for_delivery')).toBe(true);
    expect(canMoveDelivery('delivered', 'out_for_delivery')).toBe(false);
  });

  it('refuses with a 409 code naming the current status', () => {
    const refusal = (() => {
      try {
        assertDeliveryMove('delivered', 'attempt_failed', 'recorded');
      } catch (err) {
        return err;
      }
    })() as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.code).toBe('DELIVERY_STATUS_CONFLICT');
    expect(refusal.detail).toContain('delivered');
    expect(refusal.fields).toEqual([{ path: 'status', message: 'is delivered' }]);
    expect(() => assertDeliveryOpen('cancelled', 'reassigned')).toThrow(/cancelled/);
    expect(() => assertDeliveryOpen('rescheduled', 'reassigned')).not.toThrow();
  });
});
