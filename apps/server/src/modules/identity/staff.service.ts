import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin, type Role } from '../security/index.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { revokeAllSessions } from './session.repository.ts';
import { findStaffById, listStaff, lockActiveOwners, updateStaff, type StaffRow } from './staff.repository.ts';

export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  mfaEnabled: boolean;
  hasPassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export function staffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    mfaEnabled: row.totpEnabledAt !== null,
    hasPassword: row.passwordHash !== null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const staffNotFound = () => new DomainError('STAFF_NOT_FOUND', 'There is no staff member with this id.');

async function target(tx: Tx, tenantId: string, id: string, lock = false): Promise<StaffRow> {
  const row = await findStaffById(tx, tenantId, id, lock);
  if (!row) throw staffNotFound();
  return row;
}

/**
 * Locks the store's owners (always first, in id order) and then the target, so
 * concurrent role changes queue up instead of deadlocking, and each sees the
 * roles the previous one left.
 */
async function lockedTarget(tx: Tx, tenantId: string, id: string): Promise<StaffRow> {
  await lockActiveOwners(tx, tenantId);
  return target(tx, tenantId, id, true);
}

/** The acting staff member's role as stored now; null for API keys and system work. */
async function actorRole(tx: Tx, ctx: Ctx, tenantId: string): Promise<string | null> {
  if (ctx.actor.kind !== 'staff') return null;
  return (await findStaffById(tx, tenantId, ctx.actor.id))?.role ?? null;
}

/** Owners are made, unmade, disabled only by owners; the last active owner stays one. */
async function assertOwnerRules(tx: Tx, ctx: Ctx, tenantId: string, row: StaffRow, touchesOwner: boolean, removesOwner: boolean): Promise<void> {
  if (ctx.actor.kind === 'staff' && ctx.actor.id === row.id) throw new DomainError('STAFF_SELF_FORBIDDEN', 'Nobody can change their own role or disable themselves.');
  if (!touchesOwner) return;
  if ((await actorRole(tx, ctx, tenantId)) !== 'owner') throw new DomainError('STAFF_OWNER_ONLY_FORBIDDEN', 'Only an owner can make, unmake or disable an owner.');
  if (removesOwner) {
    const owners = await lockActiveOwners(tx, tenantId);
    if (owners.length <= 1 && owners[0] === row.id) throw new DomainError('STAFF_LAST_OWNER_CONFLICT', 'The store must keep at least one active owner.');
  }
}

export function createStaffService(deps: IdentityDeps) {
  const { db } = deps;
  const storeOf = (ctx: Ctx) => ctx.tenantId!;

  return {
    list(ctx: Ctx, page: PageQuery): Promise<Page<StaffView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => pageOf(await listStaff(tx, tenantId, { limit: page.limit + 1, after: page.cursor }), page.limit, staffView));
    },

    get(ctx: Ctx, id: string): Promise<StaffView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => staffView(await target(tx, tenantId, id)));
    },

    /** Name only: role, status and store are changed by their own routes, by those allowed to. */
    updateProfile(ctx: Ctx, id: string, changes: { name: string }, origin: AuditOrigin): Promise<StaffView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await target(tx, tenantId, id, true);
        const after = (await updateStaff(tx, tenantId, id, { name: changes.name }))!;
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'staff.updated', targetType: 'staff', targetId: id, changes: { before: { name: before.name }, after: { name: after.name } } });
        return staffView(after);
      });
    },

    changeRole(ctx: Ctx, id: string, role: Role, origin: AuditOrigin): Promise<StaffView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await lockedTarget(tx, tenantId, id);
        if (row.role === role) return staffView(row);
        await assertOwnerRules(tx, ctx, tenantId, row, role === 'owner' || row.role === 'owner', row.role === 'owner' && row.status === 'active');
        const after = (await updateStaff(tx, tenantId, id, { role }))!;
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'staff.role_changed', targetType: 'staff', targetId: id, changes: { before: { role: row.role }, after: { role } } });
        return staffView(after);
      });
    },

    /** Disabling ends every session at once; enabling lets the person sign in again. */
    setStatus(ctx: Ctx, id: string, status: 'active' | 'disabled', origin: AuditOrigin): Promise<StaffView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await lockedTarget(tx, tenantId, id);
        if (row.status === status) return staffView(row);
        await assertOwnerRules(tx, ctx, tenantId, row, row.role === 'owner', status === 'disabled' && row.role === 'owner');
        const after = (await updateStaff(tx, tenantId, id, { status }))!;
        if (status === 'disabled') await revokeAllSessions(tx, tenantId, id, 'staff_disabled');
        const action = status === 'disabled' ? 'staff.disabled' : 'staff.enabled';
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action, targetType: 'staff', targetId: id, changes: { before: { status: row.status }, after: { status } } });
        return staffView(after);
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
