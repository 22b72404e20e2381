import type { StoreSettings } from '../tenancy/index.ts';

export type Availability = 'in_stock' | 'low' | 'out';

export interface VariantStock {
  trackStock: boolean;
  /** Available (on hand less reserved) summed over the store's locations. */
  available: number;
}

export interface AvailabilityView {
  availability: Availability;
  /** Only when the store shows stock quantities, and only for variants whose stock is tracked. */
  quantity?: number;
}

/**
 * What a shopper sees of a variant's stock: a variant that does not track
 * stock is always in stock; otherwise "low" at or below the store's display
 * threshold (and above zero), "out" at zero or below.
 */
export function availabilityOf(stock: VariantStock, settings: Pick<StoreSettings, 'showStockQuantities' | 'lowStockDisplayThreshold'>): AvailabilityView {
  if (!stock.trackStock) return { availability: 'in_stock' };
  const available = Math.max(0, stock.available);
  const availability: Availability = available <= 0 ? 'out' : available <= settings.lowStockDisplayThreshold ? 'low' : 'in_stock';
  return settings.showStockQuantities ? { availability, quantity: available } : { availability };
}
