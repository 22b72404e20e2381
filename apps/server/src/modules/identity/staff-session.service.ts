import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { auditBase, staffIdOf } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { listLiveSessions, revokeSession, type SessionRow } from './session.repository.ts';
import { findStaffById } from './staff.repository.ts';

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The session the request itself belongs to. */
  current: boolean;
}

const sessionNotFound = () => new DomainError('AUTH_SESSION_NOT_FOUND', 'There is no active session with this id.');

function viewOf(currentSessionId: string | undefined) {
  return (row: SessionRow): SessionView => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    current: row.id === currentSessionId,
  });
}

/** Another member's sessions are for owners only; the member must exist in this store (else 404). */
async function assertOwnerOver(tx: Tx, ctx: Ctx, staffId: string): Promise<string> {
  const { tenantId, staffId: actorId } = staffIdOf(ctx);
  const actor = await findStaffById(tx, tenantId, actorId);
  if (!(await findStaffById(tx, tenantId, staffId))) throw new DomainError('STAFF_NOT_FOUND', 'There is no staff member with this id.');
  if (actor?.role !== 'owner') throw new DomainError('STAFF_OWNER_ONLY_FORBIDDEN', "Only an owner can see or end another staff member's sessions.");
  return tenantId;
}

export function createStaffSessionService(deps: IdentityDeps) {
  const { db } = deps;

  const revoke = async (tx: Tx, ctx: Ctx, tenantId: string, staffId: string, sessionId: string, reason: string, client: ClientInfo) => {
    if (!(await revokeSession(tx, tenantId, staffId, sessionId, reason))) throw sessionNotFound();
    const action = reason === 'logout' ? 'staff.logged_out' : 'staff.session_revoked';
    await recordAudit(tx, { ...auditBase(ctx, tenantId, client), action, targetType: 'session', targetId: sessionId, changes: { after: { staffId, reason } } });
  };

  return {
    listMine(ctx: Ctx, page: PageQuery, currentSessionId?: string): Promise<Page<SessionView>> {
      const { tenantId, staffId } = staffIdOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) =>
        pageOf(await listLiveSessions(tx, tenantId, staffId, { limit: page.limit + 1, before: page.cursor }), page.limit, viewOf(currentSessionId)),
      );
    },

    revokeMine(ctx: Ctx, sessionId: string, client: ClientInfo): Promise<void> {
      const { tenantId, staffId } = staffIdOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => revoke(tx, ctx, tenantId, staffId, sessionId, 'revoked_by_user', client));
    },

    /** Ends the session the access token belongs to; the token itself dies with it. */
    logout(ctx: Ctx, sessionId: string, client: ClientInfo): Promise<void> {
      const { tenantId, staffId } = staffIdOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => revoke(tx, ctx, tenantId, staffId, sessionId, 'logout', client));
    },

    listOf(ctx: Ctx, staffId: string, page: PageQuery): Promise<Page<SessionView>> {
      return inTransaction(db, { tenantId: ctx.tenantId }, async (tx) => {
        const tenantId = await assertOwnerOver(tx, ctx, staffId);
        return pageOf(await listLiveSessions(tx, tenantId, staffId, { limit: page.limit + 1, before: page.cursor }), page.limit, viewOf(undefined));
      });
    },

    revokeOf(ctx: Ctx, staffId: string, sessionId: string, client: ClientInfo): Promise<void> {
      return inTransaction(db, { tenantId: ctx.tenantId }, async (tx) => {
        const tenantId = await assertOwnerOver(tx, ctx, staffId);
        await revoke(tx, ctx, tenantId, staffId, sessionId, 'revoked_by_owner', client);
      });
    },
  };
}

export type StaffSessionService = ReturnType<typeof createStaffSessionService>;
