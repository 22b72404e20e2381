import { formatMinorUnits } from '../catalog/index.ts';
import type { OrderEditChanges } from './order-edit-view.ts';

/** One line for the order's history saying what an edit changed, e.g. `Edited: Mug 2 → 3; Plate added (1); total 24.20 → 36.30 EUR.` */
export function editSummary({ before, after }: OrderEditChanges): string {
  const parts: string[] = [];
  const was = new Map(before.lines.map((l) => [l.lineId, l]));
  const is = new Map(after.lines.map((l) => [l.lineId, l]));
  for (const line of after.lines) {
    const old = was.get(line.lineId);
    if (!old) parts.push(`${line.name} (${line.sku}) added (${line.quantity})`);
    else if (old.quantity !== line.quantity) parts.push(`${line.name} (${line.sku}) ${old.quantity} → ${line.quantity}`);
  }
  for (const line of before.lines) if (!is.has(line.lineId)) parts.push(`${line.name} (${line.sku}) removed`);
  if (before.shippingMethod.id !== after.shippingMethod.id) parts.push(`shipping ${before.shippingMethod.name} → ${after.shippingMethod.name}`);
  if (JSON.stringify(before.shippingAddress) !== JSON.stringify(after.shippingAddress)) parts.push('shipping address changed');
  if (before.email !== after.email) parts.push(`email ${after.email}`);
  if (before.phone !== after.phone) parts.push(after.phone ? `phone ${after.phone}` : 'phone removed');
  const total = (amount: number) => formatMinorUnits(amount, after.grandTotal.currency);
  if (before.grandTotal.amount !== after.grandTotal.amount) parts.push(`total ${total(before.grandTotal.amount)} → ${total(after.grandTotal.amount)} ${after.grandTotal.currency}`);
  return `Edited: ${parts.length > 0 ? parts.join('; ') : 'no change to lines or totals'}.`;
}
