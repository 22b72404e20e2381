import { describe, expect, it } from 'vitest';
import { crossedLowStock } from './low-stock.ts';

const level = (onHand: number, reserved: number, lowStockThreshold: number | null) => ({ onHand, reserved, lowStockThreshold });

describe('crossedLowStock', () => {
  it('is true only for the change that takes availability from above the threshold to at or below it', () => {
    expect(crossedLowStock(level(10, 5, 5), 1)).toBe(true); // 6 → 5
    expect(crossedLowStock(level(10, 7, 5), 5)).toBe(true); // 8 → 3
    expect(crossedLowStock(level(10, 6, 5), 1)).toBe(false); // 5 → 4: already low
    expect(crossedLowStock(level(10, 3, 5), 1)).toBe(false); // 8 → 7: still above
    expect(crossedLowStock(level(0, 0, 0), 2)).toBe(true); // 2 → 0 with threshold 0
  });

  it('never fires without a threshold or for a change that did not lower availability', () => {
    expect(crossedLowStock(level(1, 0, null), 5)).toBe(false);
    expect(crossedLowStock(level(5, 0, 5), 0)).toBe(false);
    expect(crossedLowStock(level(5, 0, 5), -3)).toBe(false);
  });
});
