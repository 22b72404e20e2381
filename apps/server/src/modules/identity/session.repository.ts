import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { authSessions, refreshTokens, staffUsers } from './identity.tables.ts';

export type SessionRow = typeof authSessions.$inferSelect;

export async function insertSession(tx: Tx, row: typeof authSessions.$inferInsert): Promise<void> {
  await tx.insert(authSessions).values(row);
}

export async function insertRefreshToken(tx: Tx, row: typeof refreshTokens.$inferInsert): Promise<void> {
  await tx.insert(refreshTokens).values(row);
}

/** Platform scope: which store a refresh token belongs to (the token alone is presented). */
export async function findRefreshTokenTenant(tx: Tx, tokenHash: string): Promise<string | undefined> {
  const rows = await tx.select({ tenantId: refreshTokens.tenantId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return rows[0]?.tenantId;
}

/** The refresh token with its session, both locked, so two uses of one token are decided one after the other. */
export async function lockRefreshToken(tx: Tx, tenantId: string, tokenHash: string) {
  const rows = await tx
    .select({ token: refreshTokens, session: authSessions })
    .from(refreshTokens)
    .innerJoin(authSessions, and(eq(authSessions.id, refreshTokens.sessionId), eq(authSessions.tenantId, refreshTokens.tenantId)))
    .where(and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.tokenHash, tokenHash)))
    .for('update');
  return rows[0];
}

export async function markRefreshTokenRotated(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.update(refreshTokens).set({ rotatedAt: sql`now()` }).where(and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.id, id)));
}

export async function touchSession(tx: Tx, tenantId: string, id: string, expiresAt: Date, ip: string): Promise<void> {
  await tx.update(authSessions).set({ lastUsedAt: sql`now()`, expiresAt, ip }).where(and(eq(authSessions.tenantId, tenantId), eq(authSessions.id, id)));
}

/** Revokes one live session of a subject; false when there is none by that id. */
export async function revokeSession(tx: Tx, tenantId: string, subjectId: string, id: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(authSessions.tenantId, tenantId), eq(authSessions.subjectId, subjectId), eq(authSessions.id, id), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return rows.length === 1;
}

/** Revokes every live session of a subject, but `exceptId` (the caller's own, after a password change). */
export async function revokeAllSessions(tx: Tx, tenantId: string, subjectId: string, reason: string, subjectType: SessionRow['subjectType'] = 'staff', exceptId?: string): Promise<number> {
  const rows = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(authSessions.tenantId, tenantId), eq(authSessions.subjectType, subjectType), eq(authSessions.subjectId, subjectId), isNull(authSessions.revokedAt), exceptId ? ne(authSessions.id, exceptId) : undefined))
    .returning({ id: authSessions.id });
  return rows.length;
}

/** One session of a subject, live or not (access-token checks of realms other than staff). */
export async function findSubjectSession(tx: Tx, tenantId: string, subjectType: SessionRow['subjectType'], subjectId: string, id: string): Promise<SessionRow | undefined> {
  const rows = await tx
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.tenantId, tenantId), eq(authSessions.id, id), eq(authSessions.subjectType, subjectType), eq(authSessions.subjectId, subjectId)));
  return rows[0];
}

/** A subject's live sessions, newest first (ids are time-ordered UUIDv7). */
export async function listLiveSessions(tx: Tx, tenantId: string, subjectId: string, page: { limit: number; before?: string }): Promise<SessionRow[]> {
  return tx
    .select()
    .from(authSessions)
    .where(
      and(
        eq(authSessions.tenantId, tenantId),
        eq(authSessions.subjectType, 'staff'),
        eq(authSessions.subjectId, subjectId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, sql`now()`),
        page.before ? lt(authSessions.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(authSessions.id))
    .limit(page.limit);
}

/** What a request bearing an access token needs to know: the user, the session and the store's 2FA rule. */
export async function findSessionPrincipal(tx: Tx, tenantId: string, staffId: string, sessionId: string) {
  const rows = await tx
    .select({
      role: staffUsers.role,
      status: staffUsers.status,
      totpEnabledAt: staffUsers.totpEnabledAt,
      revokedAt: authSessions.revokedAt,
      expiresAt: authSessions.expiresAt,
      settings: stores.settings,
      storeStatus: stores.status,
    })
    .from(authSessions)
    .innerJoin(staffUsers, and(eq(staffUsers.tenantId, authSessions.tenantId), eq(staffUsers.id, authSessions.subjectId)))
    .innerJoin(stores, eq(stores.id, authSessions.tenantId))
    .where(and(eq(authSessions.tenantId, tenantId), eq(authSessions.id, sessionId), eq(authSessions.subjectType, 'staff'), eq(authSessions.subjectId, staffId)));
  return rows[0];
}
