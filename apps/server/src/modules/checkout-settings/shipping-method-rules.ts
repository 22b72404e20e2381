import type { FieldError } from '../../platform/errors.ts';
import type { SHIPPING_KINDS } from './checkout-settings.tables.ts';

type Kind = (typeof SHIPPING_KINDS)[number];
interface Money {
  amount: number;
  currency: string;
}

/** A shipping method as the API takes it; in a change, what was not sent keeps its stored value. */
export interface ShippingMethodFields {
  name: string;
  kind: Kind;
  price?: Money | undefined;
  freeFrom?: Money | null | undefined;
  codFee?: Money | null | undefined;
  active?: boolean | undefined;
  position?: number | undefined;
}

export interface ShippingMethodColumns {
  name: string;
  kind: Kind;
  priceAmount: number;
  freeFromAmount: number | null;
  codFeeAmount: number | null;
  currency: string;
  active?: boolean | undefined;
  position?: number | undefined;
}

/** Which money fields each kind uses. */
const SHAPE: Record<Kind, { price: boolean; freeFrom: boolean; codFee: boolean }> = {
  flat_rate: { price: true, freeFrom: false, codFee: false },
  free_above: { price: true, freeFrom: true, codFee: false },
  local_pickup: { price: false, freeFrom: false, codFee: false },
  cash_on_delivery: { price: true, freeFrom: false, codFee: true },
};

/**
 * The columns of a shipping method, or a field error for each money field the kind needs but
 * lacks, each one `sent` that the kind does not use, and each amount not in the store's currency.
 * Fields the kind does not use and that were only stored (the kind changed) are dropped.
 */
export function shippingMethodColumns(merged: ShippingMethodFields, sent: Partial<ShippingMethodFields>, storeCurrency: string): { columns: ShippingMethodColumns; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const shape = SHAPE[merged.kind];
  const pick = (field: 'price' | 'freeFrom' | 'codFee'): Money | null => {
    const value = merged[field] ?? null;
    if (!shape[field]) {
      const given = sent[field];
      const harmless = given === undefined || given === null || (field === 'price' && given.amount === 0);
      if (!harmless) errors.push({ path: `body.${field}`, message: `is not used by ${merged.kind} methods` });
      return null;
    }
    if (!value) errors.push({ path: `body.${field}`, message: `is required for ${merged.kind} methods` });
    else if (value.currency !== storeCurrency) errors.push({ path: `body.${field}.currency`, message: `must be the store's currency, ${storeCurrency}` });
    return value;
  };
  const [price, freeFrom, codFee] = [pick('price'), pick('freeFrom'), pick('codFee')];
  return {
    columns: {
      name: merged.name,
      kind: merged.kind,
      priceAmount: price?.amount ?? 0,
      freeFromAmount: freeFrom?.amount ?? null,
      codFeeAmount: codFee?.amount ?? null,
      currency: storeCurrency,
      active: merged.active,
      position: merged.position,
    },
    errors,
  };
}
