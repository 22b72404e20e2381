import ipaddr from 'ipaddr.js';
import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { ClientInfo } from './identity.deps.ts';

/** Emails are stored and compared lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** One spelling per address (an IPv4-mapped IPv6 address becomes IPv4), as counters and rules compare them. */
export function normaliseIp(ip: string): string {
  try {
    return ipaddr.process(ip).toString();
  } catch {
    return '0.0.0.0';
  }
}

/** Who acts for which store, from where: the common part of every audit entry identity writes. */
export function auditBase(ctx: Ctx, tenantId: string, client?: ClientInfo) {
  return { tenantId, actor: ctx.actor, requestId: ctx.requestId, ip: client?.ip ?? null, userAgent: client?.userAgent ?? null };
}

/** The signed-in staff member of a ctx; API keys and other actors cannot use staff-only routes. */
export function staffIdOf(ctx: Ctx): { tenantId: string; staffId: string } {
  if (ctx.actor.kind !== 'staff' || !ctx.tenantId) throw new DomainError('AUTH_STAFF_ONLY_FORBIDDEN', 'Only a signed-in staff member can do this, not an API key.');
  return { tenantId: ctx.tenantId, staffId: ctx.actor.id };
}
