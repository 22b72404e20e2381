import { describe, expect, it } from 'vitest';
import { availabilityOf } from './availability.ts';

const hidden = { showStockQuantities: false, lowStockDisplayThreshold: 5 };
const shown = { showStockQuantities: true, lowStockDisplayThreshold: 5 };

describe('storefront availability', () => {
  it('is out at zero, low up to the threshold, in stock above it', () => {
    expect([0, 1, 5, 6].map((available) => availabilityOf({ trackStock: true, available }, hidden).availability)).toEqual(['out', 'low', 'low', 'in_stock']);
  });

  it('shows the quantity only when the store allows it', () => {
    expect(availabilityOf({ trackStock: true, available: 3 }, hidden)).toEqual({ availability: 'low' });
    expect(availabilityOf({ trackStock: true, available: 3 }, shown)).toEqual({ availability: 'low', quantity: 3 });
  });

  it('treats a variant without stock tracking as in stock, with no quantity', () => {
    expect(availabilityOf({ trackStock: false, available: 0 }, shown)).toEqual({ availability: 'in_stock' });
  });

  it('with threshold 0 never says low', () => {
    expect(availabilityOf({ trackStock: true, available: 1 }, { showStockQuantities: false, lowStockDisplayThreshold: 0 }).availability).toBe('in_stock');
  });
});
