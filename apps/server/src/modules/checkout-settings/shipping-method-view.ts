import type { ShippingMethodRow } from './shipping-method.repository.ts';

export interface ShippingMethodView {
  id: string;
  name: string;
  kind: ShippingMethodRow['kind'];
  price: { amount: number; currency: string };
  freeFrom: { amount: number; currency: string } | null;
  codFee: { amount: number; currency: string } | null;
  active: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export function shippingMethodView(r: ShippingMethodRow): ShippingMethodView {
  const money = (amount: number | null) => (amount === null ? null : { amount, currency: r.currency });
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    price: { amount: r.priceAmount, currency: r.currency },
    freeFrom: money(r.freeFromAmount),
    codFee: money(r.codFeeAmount),
    active: r.active,
    position: r.position,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
