import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { auditBase, type ClientInfo } from '../identity/index.ts';
import type { CustomerRow } from './customer.repository.ts';

/** Where a storefront request came from, and the store's language for the mail it causes. */
export interface CustomerOrigin extends ClientInfo {
  locale: string;
}

/** The store a storefront ctx acts for (resolved from the publishable key or host). */
export function tenantOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('a customer service was called without a store in ctx');
  return ctx.tenantId;
}

/** The signed-in customer of a ctx; staff, keys and guests cannot use customer routes. */
export function customerOf(ctx: Ctx): { tenantId: string; customerId: string } {
  if (ctx.actor.kind !== 'customer') throw new DomainError('CUSTOMER_UNAUTHENTICATED', 'Sign in as a customer of this store.');
  return { tenantId: tenantOf(ctx), customerId: ctx.actor.id };
}

/** The common part of a customer audit entry; the customer is the actor once known. */
export function customerAudit(ctx: Ctx, origin: CustomerOrigin, customerId?: string) {
  const base = auditBase(ctx, tenantOf(ctx), origin);
  return customerId ? { ...base, actor: { kind: 'customer' as const, id: customerId }, targetType: 'customer', targetId: customerId } : base;
}

export const tokenInvalid = () => new DomainError('AUTH_TOKEN_INVALID', 'This link is invalid, expired or already used. Ask for a new one.');

export interface CustomerView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  emailVerified: boolean;
  status: string;
  createdAt: string;
}

export function customerView(row: CustomerRow): CustomerView {
  return { id: row.id, email: row.email, name: row.name, phone: row.phone, emailVerified: row.emailVerifiedAt !== null, status: row.status, createdAt: row.createdAt.toISOString() };
}
