import type { FieldError } from '../../platform/errors.ts';
import type { DISCOUNT_KINDS } from './checkout-settings.tables.ts';

type Kind = (typeof DISCOUNT_KINDS)[number];
interface Money {
  amount: number;
  currency: string;
}
export type ScopeInput = { kind: 'order' } | { kind: 'items'; productIds: string[]; categoryIds: string[] };

/** A discount as the API takes it; in a change, what was not sent keeps its stored value. */
export interface DiscountFields {
  name: string;
  code?: string | null | undefined;
  kind: Kind;
  ratePpm?: number | null | undefined;
  amount?: Money | null | undefined;
  scope?: ScopeInput | undefined;
  minimumSubtotal?: Money | null | undefined;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
  combinable?: boolean | undefined;
  usageLimit?: number | null | undefined;
  perCustomerLimit?: number | null | undefined;
  active?: boolean | undefined;
}

export interface DiscountColumns {
  name: string;
  code: string | null;
  kind: Kind;
  ratePpm: number | null;
  amount: number | null;
  currency: string;
  scope: 'order' | 'items';
  productIds: string[];
  categoryIds: string[];
  minimumSubtotalAmount: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  combinable?: boolean | undefined;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  active?: boolean | undefined;
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/**
 * The columns of a discount, or a field error for each rule broken: the value the kind needs
 * (a rate for percentage, an amount for fixed_amount, neither for free_shipping), amounts in the
 * store's currency, an end after the start, a scope that names something, a usage limit not below
 * the uses already made. Whether the scope's products and categories exist is checked by the caller.
 */
export function discountColumns(merged: DiscountFields, sent: Partial<DiscountFields>, storeCurrency: string, timesUsed = 0): { columns: DiscountColumns; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const inCurrency = (money: Money | null | undefined, path: string) => {
    if (money && money.currency !== storeCurrency) errors.push({ path: `${path}.currency`, message: `must be the store's currency, ${storeCurrency}` });
  };
  const valueFor = <T>(field: 'ratePpm' | 'amount', usedBy: Kind): T | null => {
    const value = (merged[field] ?? null) as T | null;
    if (merged.kind !== usedBy) {
      if (sent[field] !== undefined && sent[field] !== null) errors.push({ path: `body.${field}`, message: `is not used by ${merged.kind} discounts` });
      return null;
    }
    if (value === null) errors.push({ path: `body.${field}`, message: `is required for ${usedBy} discounts` });
    return value;
  };
  const ratePpm = valueFor<number>('ratePpm', 'percentage');
  const amount = valueFor<Money>('amount', 'fixed_amount');
  inCurrency(amount, 'body.amount');
  inCurrency(merged.minimumSubtotal, 'body.minimumSubtotal');
  const [startsAt, endsAt] = [date(merged.startsAt), date(merged.endsAt)];
  if (startsAt && endsAt && endsAt <= startsAt) errors.push({ path: 'body.endsAt', message: 'must be after startsAt' });
  const scope = merged.scope ?? { kind: 'order' };
  if (scope.kind === 'items' && scope.productIds.length + scope.categoryIds.length === 0) errors.push({ path: 'body.scope', message: 'must name at least one product or category' });
  const usageLimit = merged.usageLimit ?? null;
  if (usageLimit !== null && usageLimit < timesUsed) errors.push({ path: 'body.usageLimit', message: `cannot be below the ${timesUsed} uses already made` });
  return {
    columns: {
      name: merged.name,
      code: merged.code ?? null,
      kind: merged.kind,
      ratePpm,
      amount: amount?.amount ?? null,
      currency: storeCurrency,
      scope: scope.kind,
      productIds: scope.kind === 'items' ? [...new Set(scope.productIds)] : [],
      categoryIds: scope.kind === 'items' ? [...new Set(scope.categoryIds)] : [],
      minimumSubtotalAmount: merged.minimumSubtotal?.amount ?? null,
      startsAt,
      endsAt,
      combinable: merged.combinable,
      usageLimit,
      perCustomerLimit: merged.perCustomerLimit ?? null,
      active: merged.active,
    },
    errors,
  };
}
