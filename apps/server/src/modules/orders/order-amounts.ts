import type { Totals } from '../pricing/index.ts';

/** The order's amount columns, and the totals they come from, as the totals engine gave them. */
export function orderAmountsOf(totals: Totals) {
  return {
    subtotalAmount: totals.subtotal.amount,
    discountAmount: totals.discountTotal.amount,
    shippingAmount: totals.shippingTotal.amount,
    taxAmount: totals.taxTotal.amount,
    grandTotalAmount: totals.grandTotal.amount,
    totals,
  };
}
