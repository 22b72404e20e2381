import type { Money } from '../pricing/index.ts';
import type { ShippingAddress } from '../carts/index.ts';
import type { DeliveryStatus } from './deliveries.tables.ts';
import type { AssignmentRow, AttemptRow, DeskRow, RoundRow } from './delivery.repository.ts';
import type { AttemptOutcome } from './delivery-status.ts';

export interface DeliveryView {
  id: string;
  order: { id: string; number: number | null; status: string };
  agentId: string | null;
  status: DeliveryStatus;
  cashDue: Money;
  cashCollected: Money | null;
  attemptCount: number;
  scheduledFor: string | null;
  assignedAt: string | null;
  deliveredAt: string | null;
  collectedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentView {
  id: string;
  fromAgentId: string | null;
  toAgentId: string;
  assignedBy: string;
  at: string;
}

export interface AttemptView {
  id: string;
  agentId: string;
  outcome: AttemptOutcome;
  reason: string | null;
  rescheduledFor: string | null;
  cashCollected: Money | null;
  note: string | null;
  at: string;
}

export interface DeliveryDetailView extends DeliveryView {
  assignments: AssignmentView[];
  attempts: AttemptView[];
}

/** What the agent sees of a delivery on their round: where to go and whom to ask. */
export interface RoundDeliveryView extends DeliveryView {
  customerName: string;
  phone: string | null;
  shippingAddress: ShippingAddress;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function deliveryView(row: DeskRow): DeliveryView {
  return {
    id: row.id,
    order: { id: row.orderId, number: row.orderNumber, status: row.orderStatus },
    agentId: row.agentId,
    status: row.status,
    cashDue: { amount: row.cashDueAmount, currency: row.currency },
    cashCollected: row.cashCollectedAmount === null ? null : { amount: row.cashCollectedAmount, currency: row.currency },
    attemptCount: row.attemptCount,
    scheduledFor: row.scheduledFor,
    assignedAt: iso(row.assignedAt),
    deliveredAt: iso(row.deliveredAt),
    collectedOn: row.collectedOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function attemptView(row: AttemptRow, currency: string): AttemptView {
  return {
    id: row.id,
    agentId: row.agentId,
    outcome: row.outcome,
    reason: row.reason,
    rescheduledFor: row.rescheduledFor,
    cashCollected: row.cashCollectedAmount === null ? null : { amount: row.cashCollectedAmount, currency },
    note: row.note,
    at: row.at.toISOString(),
  };
}

export function deliveryDetailView(row: DeskRow, assignments: AssignmentRow[], attempts: AttemptRow[]): DeliveryDetailView {
  return {
    ...deliveryView(row),
    assignments: assignments.map((a) => ({ id: a.id, fromAgentId: a.fromAgentId, toAgentId: a.toAgentId, assignedBy: a.assignedBy, at: a.at.toISOString() })),
    attempts: attempts.map((a) => attemptView(a, row.currency)),
  };
}

export function roundDeliveryView(row: RoundRow): RoundDeliveryView {
  return { ...deliveryView(row), customerName: row.customerName, phone: row.phone, shippingAddress: row.shippingAddress };
}

export type RoundDeliveryDetailView = DeliveryDetailView & Omit<RoundDeliveryView, keyof DeliveryView>;

export function roundDeliveryDetailView(row: RoundRow, assignments: AssignmentRow[], attempts: AttemptRow[]): RoundDeliveryDetailView {
  return { ...deliveryDetailView(row, assignments, attempts), customerName: row.customerName, phone: row.phone, shippingAddress: row.shippingAddress };
}
