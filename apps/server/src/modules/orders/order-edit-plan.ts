import { DomainError, type FieldError } from '../../platform/errors.ts';

export interface LineChange {
  lineId: string;
  /** 0 removes the line. */
  quantity: number;
}

export interface LineAddition {
  variantId: string;
  quantity: number;
}

/** What a plan needs of a line the order has. */
export interface PlannedLine {
  id: string;
  variantId: string;
  quantity: number;
}

export interface LinePlan<L extends PlannedLine> {
  /** The order's lines that stay, each with its quantity after the edit, in the order's line order. */
  kept: Array<{ line: L; quantity: number }>;
  removed: L[];
  /** New lines, with where each was asked for (`body.addLines.<index>`). */
  added: Array<LineAddition & { index: number }>;
  /** Whether the lines change at all (a quantity, a removal or an addition). */
  changed: boolean;
}

/**
 * The order's lines after the edit asks for `changes` and `additions`, or 422 ORDER_EDIT_INVALID
 * naming every field at fault: a line that is not the order's, a line or variant given twice, a
 * variant the order already has on a line that stays (change that line's quantity instead, or remove
 * it in the same edit to sell it again at today's price), no line left.
 */
export function planLines<L extends PlannedLine>(current: readonly L[], changes: readonly LineChange[], additions: readonly LineAddition[]): LinePlan<L> {
  const problems: FieldError[] = [];
  const byId = new Map(current.map((line) => [line.id, line]));
  const wanted = new Map<string, number>();
  changes.forEach((change, i) => {
    if (!byId.has(change.lineId)) problems.push({ path: `body.lines.${i}.lineId`, message: 'is not a line of this order' });
    else if (wanted.has(change.lineId)) problems.push({ path: `body.lines.${i}.lineId`, message: 'is given twice' });
    else wanted.set(change.lineId, change.quantity);
  });
  const kept = current.flatMap((line) => {
    const quantity = wanted.get(line.id) ?? line.quantity;
    return quantity > 0 ? [{ line, quantity }] : [];
  });
  const removed = current.filter((line) => wanted.get(line.id) === 0);
  const keptVariants = new Map(kept.map((k) => [k.line.variantId, k.line.id]));
  const seen = new Set<string>();
  additions.forEach((addition, i) => {
    const onLine = keptVariants.get(addition.variantId);
    if (seen.has(addition.variantId)) problems.push({ path: `body.addLines.${i}.variantId`, message: 'is given twice' });
    else if (onLine) problems.push({ path: `body.addLines.${i}.variantId`, message: `is already on line ${onLine}: change that line's quantity (or remove it in the same edit to sell it again at today's price)` });
    seen.add(addition.variantId);
  });
  if (problems.length === 0 && kept.length + additions.length === 0) problems.push({ path: 'body.lines', message: 'would remove every line; at least one line must remain (cancel the order instead)' });
  if (problems.length > 0) throw new DomainError('ORDER_EDIT_INVALID', `The edit cannot be made: ${problems.map((p) => p.path).join(', ')}.`, problems);
  const changed = removed.length > 0 || additions.length > 0 || kept.some((k) => k.quantity !== k.line.quantity);
  return { kept, removed, added: additions.map((addition, index) => ({ ...addition, index })), changed };
}
