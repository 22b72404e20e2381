import type { Ctx } from '../../platform/context.ts';

/** The store a store-level use case acts for; a ctx without one is a programming error. */
export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error(`${ctx.actor.kind} ctx without a store reached a store-level use case`);
  return ctx.tenantId;
}

/** Whether the ctx may grant this permission (system work holds '*', which grants all). */
export function holdsPermission(ctx: Ctx, permission: string): boolean {
  return ctx.permissions.has('*') || ctx.permissions.has(permission);
}
