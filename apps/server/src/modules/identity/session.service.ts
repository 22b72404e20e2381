import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { findStoreById, readStoreSettings } from '../tenancy/index.ts';
import { ACCESS_TOKEN_SECONDS } from './access-token.ts';
import { auditBase, normaliseIp } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import {
  findRefreshTokenTenant,
  insertRefreshToken,
  insertSession,
  lockRefreshToken,
  markRefreshTokenRotated,
  revokeSession,
  touchSession,
} from './session.repository.ts';
import { newOpaqueToken, sha256Hex } from './secret-keys.ts';
import { findStaffById } from './staff.repository.ts';

export const REFRESH_TOKEN_DAYS = 7;
export const REFRESH_TOKEN_PREFIX = 'wrt_';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  sessionId: string;
}

const refreshExpiry = () => new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000);
const refreshInvalid = () => new DomainError('AUTH_REFRESH_INVALID', 'The refresh token is invalid, expired or revoked. Sign in again.');

async function newRefreshToken(tx: Tx, tenantId: string, sessionId: string, expiresAt: Date): Promise<string> {
  const token = newOpaqueToken(REFRESH_TOKEN_PREFIX);
  await insertRefreshToken(tx, { id: uuidv7(), tenantId, sessionId, tokenHash: sha256Hex(token), expiresAt });
  return token;
}

export type SubjectType = 'staff' | 'customer';

/** Opens a session (a refresh-token family) for someone who just proved who they are; `signAccess` makes the realm's access token. */
export async function startSession(
  tx: Tx,
  who: { tenantId: string; subjectType: SubjectType; subjectId: string },
  client: ClientInfo,
  signAccess: (sessionId: string) => Promise<string>,
): Promise<IssuedTokens> {
  const sessionId = uuidv7();
  const expiresAt = refreshExpiry();
  await insertSession(tx, {
    id: sessionId,
    tenantId: who.tenantId,
    subjectType: who.subjectType,
    subjectId: who.subjectId,
    ip: normaliseIp(client.ip),
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    lastUsedAt: new Date(),
    expiresAt,
  });
  const refreshToken = await newRefreshToken(tx, who.tenantId, sessionId, expiresAt);
  return { accessToken: await signAccess(sessionId), expiresIn: ACCESS_TOKEN_SECONDS, refreshToken, refreshExpiresIn: REFRESH_TOKEN_DAYS * 86_400, sessionId };
}

/** Opens a session for a staff member who just proved who they are. */
export function startStaffSession(tx: Tx, deps: IdentityDeps, who: { tenantId: string; staffId: string }, client: ClientInfo): Promise<IssuedTokens> {
  return startSession(tx, { tenantId: who.tenantId, subjectType: 'staff', subjectId: who.staffId }, client, (sid) => deps.tokens.signAccess({ sub: who.staffId, tid: who.tenantId, sid }));
}

export type Rotation = { ok: false } | { ok: true; sessionId: string; subjectId: string; refreshToken: string };

/**
 * Spends a refresh token of one realm inside the caller's transaction and
 * hands out the next one of its session. A spent token shown again revokes
 * the whole session (`<realm>.refresh_token_reused` is audited); a token of
 * the other realm, an ended session, or a subject `isActive` refuses is
 * simply not ok. Callers answer failures after commit, so a revocation stays.
 */
export async function rotateRefreshToken(
  tx: Tx,
  ctx: Ctx,
  input: { tenantId: string; tokenHash: string; subjectType: SubjectType },
  client: ClientInfo,
  isActive: (subjectId: string) => Promise<boolean>,
): Promise<Rotation> {
  const { tenantId } = input;
  const found = await lockRefreshToken(tx, tenantId, input.tokenHash);
  if (!found || found.session.subjectType !== input.subjectType) return { ok: false };
  const { token, session } = found;
  if (token.rotatedAt) {
    if (await revokeSession(tx, tenantId, session.subjectId, session.id, 'refresh_token_reuse')) {
      await recordAudit(tx, { ...auditBase(ctx, tenantId, client), action: `${input.subjectType}.refresh_token_reused`, targetType: 'session', targetId: session.id });
    }
    return { ok: false };
  }
  const now = Date.now();
  if (session.revokedAt || session.expiresAt.getTime() <= now || token.expiresAt.getTime() <= now) return { ok: false };
  if (!(await isActive(session.subjectId))) return { ok: false };
  await markRefreshTokenRotated(tx, tenantId, token.id);
  const expiresAt = refreshExpiry();
  await touchSession(tx, tenantId, session.id, expiresAt, normaliseIp(client.ip));
  return { ok: true, sessionId: session.id, subjectId: session.subjectId, refreshToken: await newRefreshToken(tx, tenantId, session.id, expiresAt) };
}

type RefreshOutcome = { ok: true; tokens: IssuedTokens; mfaSetupRequired: boolean } | { ok: false };

/** The store makes owners and admins enrol 2FA first (see the staff token verifier). */
export async function mustEnrolMfa(tx: Tx, staff: { tenantId: string; role: string; totpEnabledAt: Date | null }): Promise<boolean> {
  if ((staff.role !== 'owner' && staff.role !== 'admin') || staff.totpEnabledAt) return false;
  return readStoreSettings((await findStoreById(tx, staff.tenantId))?.settings).requireMfaForAdmins;
}

export function createSessionService(deps: IdentityDeps) {
  const { db } = deps;
  return {
    /**
     * Exchanges a refresh token for a new pair. The old token is spent; showing
     * it again means it was copied, so the whole session is revoked.
     */
    async refresh(ctx: Ctx, refreshToken: string, client: ClientInfo): Promise<{ tokens: IssuedTokens; mfaSetupRequired: boolean }> {
      const tokenHash = sha256Hex(refreshToken);
      const tenantId = await inTransaction(db, { tenantId: null, platform: true }, (tx) => findRefreshTokenTenant(tx, tokenHash));
      if (!tenantId) throw refreshInvalid();
      const outcome = await inTransaction(db, { tenantId }, async (tx): Promise<RefreshOutcome> => {
        let staff: Awaited<ReturnType<typeof findStaffById>>;
        const rotation = await rotateRefreshToken(tx, ctx, { tenantId, tokenHash, subjectType: 'staff' }, client, async (id) => {
          staff = await findStaffById(tx, tenantId, id);
          // A suspended store's sessions stay (reactivating restores them) but mint no new tokens.
          return staff?.status === 'active' && (await findStoreById(tx, tenantId))?.status === 'active';
        });
        if (!rotation.ok || !staff) return { ok: false };
        const accessToken = await deps.tokens.signAccess({ sub: staff.id, tid: tenantId, sid: rotation.sessionId });
        const tokens = { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshToken: rotation.refreshToken, refreshExpiresIn: REFRESH_TOKEN_DAYS * 86_400, sessionId: rotation.sessionId };
        return { ok: true, tokens, mfaSetupRequired: await mustEnrolMfa(tx, staff) };
      });
      // Thrown after commit, so a detected reuse stays revoked.
      if (!outcome.ok) throw refreshInvalid();
      return { tokens: outcome.tokens, mfaSetupRequired: outcome.mfaSetupRequired };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
