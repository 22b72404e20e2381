import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { LOCATION_KINDS, MOVEMENT_KINDS, RESERVATION_STATUSES } from './inventory.tables.ts';

const quantity = z.number().int().min(1).max(1_000_000_000);
const reason = z.string().trim().min(1).max(500);
const reference = z.string().trim().min(1).max(200);
const locationId = z.uuid().optional().describe("The store's default location when left out");

export const stockLevelSchema = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  locationId: z.uuid(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  lowStockThreshold: z.number().int().nullable(),
  updatedAt: z.string(),
});

export const movementSchema = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  locationId: z.uuid(),
  kind: z.enum(MOVEMENT_KINDS),
  quantity: z.number().int(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
});

export const locationSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(LOCATION_KINDS), isDefault: z.boolean(), createdAt: z.string() });

export const reservationSchema = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  locationId: z.uuid(),
  quantity: z.number().int(),
  reference: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  expiresAt: z.string(),
});

export const stockLevelQuery = pageQuery.extend({
  locationId: z.uuid().optional(),
  variantId: z.uuid().optional(),
  lowStockOnly: z.stringbool().optional().describe('Only levels whose available stock is at or below their threshold'),
});

export const adjustBody = z.object({ variantId: z.uuid(), locationId, quantity: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((n) => n !== 0, 'must not be 0'), reason }).strict();
export const receiveBody = z.object({ variantId: z.uuid(), locationId, quantity, reference: reference.optional(), reason: reason.optional() }).strict();
export const countBody = z.object({ variantId: z.uuid(), locationId, counted: z.number().int().min(0).max(1_000_000_000), reason: reason.optional() }).strict();
export const transferBody = z.object({ variantId: z.uuid(), fromLocationId: z.uuid(), toLocationId: z.uuid(), quantity, reason: reason.optional() }).strict();
export const thresholdBody = z.object({ variantId: z.uuid(), locationId, threshold: z.number().int().min(0).max(1_000_000_000).nullable() }).strict();
export const locationBody = z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(LOCATION_KINDS).default('warehouse') }).strict();
export const transferResult = z.object({ reference: z.string(), from: stockLevelSchema, to: stockLevelSchema });
export const idParams = z.object({ id: z.uuid() }).strict();
export const reserveBody = z
  .object({
    variantId: z.uuid(),
    locationId,
    quantity,
    reference: reference.describe('What holds the stock: a cart, a checkout, a POS sale'),
    expiresInSeconds: z.number().int().min(30).max(7 * 24 * 3600).optional().describe('15 minutes when left out'),
  })
  .strict();
export const noBody = z.object({}).strict();
