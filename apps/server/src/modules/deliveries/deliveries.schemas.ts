import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { orderAddressSchema } from '../orders/index.ts';
import { ATTEMPT_OUTCOMES, DELIVERY_STATUSES } from './deliveries.tables.ts';

const day = z.iso.date({ message: 'is not a date (YYYY-MM-DD)' });
const currency = z.string().regex(/^[A-Z]{3}$/, { message: 'is not a currency code (three capital letters)' });
const cash = z.object({ amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), currency }).strict();
const money = z.object({ amount: z.number().int(), currency: z.string() });
const note = z.string().trim().min(1).max(2000);

export const idParams = z.object({ id: z.uuid() }).strict();
export const noBody = z.object({}).strict().nullish().describe('None, or {}');

export const assignBody = z
  .object({ agentId: z.uuid().describe('an active staff member of this store with the delivery_agent role'), scheduledFor: day.optional().describe("the day to deliver, today or later in the store's time zone") })
  .strict();

export const deskQuery = pageQuery.extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
  agentId: z.uuid().optional(),
  scheduledFor: day.optional(),
  orderId: z.uuid().optional(),
});

export const roundQuery = pageQuery.extend({
  status: z.enum(DELIVERY_STATUSES).optional().describe('without it: the open deliveries'),
  scheduledFor: day.optional(),
});

export const attemptBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('failed'), reason: z.string().trim().min(1).max(500).describe('why the handover did not happen'), note: note.optional() }).strict(),
  z.object({ outcome: z.literal('rescheduled'), scheduledFor: day.describe("the new day, today or later in the store's time zone"), reason: z.string().trim().min(1).max(500).optional(), note: note.optional() }).strict(),
  z.object({ outcome: z.literal('delivered'), cashCollected: cash.describe('the cash taken at the door, in the delivery currency'), note: note.optional() }).strict(),
]);

export const dayQuery = pageQuery.extend({
  date: day.describe("the store's calendar day"),
  agentId: z.uuid().optional(),
});

export const closeDayBody = z
  .object({ agentId: z.uuid(), date: day.describe("the store's calendar day, today or earlier"), counted: cash.describe('the cash the agent handed over'), note: note.optional() })
  .strict();

const order = z.object({ id: z.uuid(), number: z.number().int().nullable(), status: z.string() });

export const deliverySchema = z.object({
  id: z.uuid(),
  order,
  agentId: z.uuid().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  cashDue: money,
  cashCollected: money.nullable(),
  attemptCount: z.number().int(),
  scheduledFor: z.string().nullable(),
  assignedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  collectedOn: z.string().nullable().describe("the store's calendar day the cash was collected"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const history = {
  assignments: z.array(z.object({ id: z.uuid(), fromAgentId: z.uuid().nullable(), toAgentId: z.uuid(), assignedBy: z.string(), at: z.string() })),
  attempts: z.array(
    z.object({
      id: z.uuid(),
      agentId: z.uuid(),
      outcome: z.enum(ATTEMPT_OUTCOMES),
      reason: z.string().nullable(),
      rescheduledFor: z.string().nullable(),
      cashCollected: money.nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
};

const door = { customerName: z.string(), phone: z.string().nullable(), shippingAddress: orderAddressSchema };

export const deliveryDetailSchema = deliverySchema.extend(history);
export const roundDeliverySchema = deliverySchema.extend(door);
export const roundDeliveryDetailSchema = deliverySchema.extend({ ...history, ...door });

export const unassignedOrderSchema = z.object({
  orderId: z.uuid(),
  orderNumber: z.number().int().nullable(),
  orderStatus: z.string(),
  cashDue: money,
  placedAt: z.string(),
  deliveryId: z.uuid().nullable(),
});

const figures = { expected: money, collected: money, deliveryCount: z.number().int() };

export const cashDaySchema = z.object({
  agentId: z.uuid(),
  agentName: z.string().nullable(),
  date: z.string(),
  currency: z.string(),
  ...figures,
  closing: z
    .object({
      id: z.uuid(),
      ...figures,
      counted: money,
      difference: money.describe('counted − expected'),
      handoverDifference: money.describe('counted − collected'),
      note: z.string().nullable(),
      closedBy: z.string(),
      closedAt: z.string(),
    })
    .nullable(),
  unreconciled: z.object(figures).describe('deliveries no closing covers'),
});
