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

/** Opens a session (a refresh-token family) for a staff member who just proved who they are. */
export async function startStaffSession(tx: Tx, deps: IdentityDeps, who: { tenantId: string; staffId: string }, client: ClientInfo): Promise<IssuedTokens> {
  const sessionId = uuidv7();
  const expiresAt = refreshExpiry();
  await insertSession(tx, {
    id: sessionId,
    tenantId: who.tenantId,
    subjectType: 'staff',
    subjectId: who.staffId,
    ip: normaliseIp(client.ip),
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    lastUsedAt: new Date(),
    expiresAt,
  });
  const refreshToken = await newRefreshToken(tx, who.tenantId, sessionId, expiresAt);
  const accessToken = await deps.tokens.signAccess({ sub: who.staffId, tid: who.tenantId, sid: sessionId });
  return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshToken, refreshExpiresIn: REFRESH_TOKEN_DAYS * 86_400, sessionId };
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
        const found = await lockRefreshToken(tx, tenantId, tokenHash);
        if (!found) return { ok: false };
        const { token, session } = found;
        if (token.rotatedAt) {
          if (await revokeSession(tx, tenantId, session.subjectId, session.id, 'refresh_token_reuse')) {
            await recordAudit(tx, { ...auditBase(ctx, tenantId, client), action: 'staff.refresh_token_reused', targetType: 'session', targetId: session.id });
          }
          return { ok: false };
        }
        const now = Date.now();
        if (session.revokedAt || session.expiresAt.getTime() <= now || token.expiresAt.getTime() <= now) return { ok: false };
        const staff = await findStaffById(tx, tenantId, session.subjectId);
        if (!staff || staff.status !== 'active') return { ok: false };
        await markRefreshTokenRotated(tx, tenantId, token.id);
        const expiresAt = refreshExpiry();
        await touchSession(tx, tenantId, session.id, expiresAt, normaliseIp(client.ip));
        const next = await newRefreshToken(tx, tenantId, session.id, expiresAt);
        const accessToken = await deps.tokens.signAccess({ sub: staff.id, tid: tenantId, sid: session.id });
        const tokens = { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshToken: next, refreshExpiresIn: REFRESH_TOKEN_DAYS * 86_400, sessionId: session.id };
        return { ok: true, tokens, mfaSetupRequired: await mustEnrolMfa(tx, staff) };
      });
      // Thrown after commit, so a detected reuse stays revoked.
      if (!outcome.ok) throw refreshInvalid();
      return { tokens: outcome.tokens, mfaSetupRequired: outcome.mfaSetupRequired };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
