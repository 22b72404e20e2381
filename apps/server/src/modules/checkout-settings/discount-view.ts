import type { DiscountFields } from './discount-rules.ts';
import type { DiscountRow } from './discount.repository.ts';

type Money = { amount: number; currency: string };

export interface DiscountView {
  id: string;
  name: string;
  code: string | null;
  kind: DiscountRow['kind'];
  ratePpm: number | null;
  amount: Money | null;
  scope: { kind: 'order' } | { kind: 'items'; productIds: string[]; categoryIds: string[] };
  minimumSubtotal: Money | null;
  startsAt: string | null;
  endsAt: string | null;
  combinable: boolean;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  timesUsed: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function discountView(r: DiscountRow): DiscountView {
  const money = (amount: number | null) => (amount === null ? null : { amount, currency: r.currency });
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    kind: r.kind,
    ratePpm: r.ratePpm,
    amount: money(r.amount),
    scope: r.scope === 'items' ? { kind: 'items', productIds: r.productIds, categoryIds: r.categoryIds } : { kind: 'order' },
    minimumSubtotal: money(r.minimumSubtotalAmount),
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    combinable: r.combinable,
    usageLimit: r.usageLimit,
    perCustomerLimit: r.perCustomerLimit,
    timesUsed: r.timesUsed,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The stored discount in the API's terms, so a change can be laid over it. */
export function discountFieldsOf(r: DiscountRow): DiscountFields {
  const { id: _id, timesUsed: _t, createdAt: _c, updatedAt: _u, ...fields } = discountView(r);
  return fields;
}
