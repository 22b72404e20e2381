import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { findStoreByHandle } from '../tenancy/index.ts';
import { InvalidToken } from './access-token.ts';
import { auditBase, normaliseEmail, normaliseIp } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import { deleteAttempt, markAttemptSucceeded } from './login-attempt.repository.ts';
import { afterFailedAttempt, invalidCredentials, ipBlockedError, lockedError, openAttempt } from './login-guard.ts';
import { acceptSecondFactor } from './second-factor.ts';
import { mustEnrolMfa, startStaffSession, type IssuedTokens } from './session.service.ts';
import { findStaffByEmail, findStaffById, updateStaff, type StaffRow } from './staff.repository.ts';

export interface LoginInput {
  store: string;
  email: string;
  password: string;
}

export type SignedIn = { kind: 'session'; tokens: IssuedTokens; mfaSetupRequired: boolean };
export type LoginResult = SignedIn | { kind: 'mfa_required'; mfaToken: string };

type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

const mfaInvalid = () => new DomainError('AUTH_MFA_INVALID', 'The code is not right, was already used, or the sign-in took too long. Sign in again if this persists.');

export function createLoginService(deps: IdentityDeps) {
  const { db, passwords } = deps;

  async function signedIn(tx: Tx, ctx: Ctx, staff: StaffRow, client: ClientInfo, method: string): Promise<SignedIn> {
    const tenantId = staff.tenantId;
    await updateStaff(tx, tenantId, staff.id, { lastLoginAt: new Date() });
    const tokens = await startStaffSession(tx, deps, { tenantId, staffId: staff.id }, client);
    const mfaSetupRequired = await mustEnrolMfa(tx, staff);
    await recordAudit(tx, { ...auditBase(ctx, tenantId, client), actor: { kind: 'staff', id: staff.id }, action: 'staff.login_succeeded', targetType: 'staff', targetId: staff.id, changes: { after: { method, sessionId: tokens.sessionId } } });
    return { kind: 'session', tokens, mfaSetupRequired };
  }

  return {
    /** Step one: store, email and password. Every wrong answer is the same 401 and takes as long. */
    async login(ctx: Ctx, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
      const email = normaliseEmail(input.email);
      const ip = normaliseIp(client.ip);
      const store = await inTransaction(db, { tenantId: null, platform: true }, (tx) => findStoreByHandle(tx, input.store.trim().toLowerCase()));
      if (!store || store.status !== 'active') {
        await passwords.check(null, input.password);
        throw invalidCredentials();
      }
      const tenantId = store.id;
      const gate = await inTransaction(db, { tenantId }, async (tx) => ({ gate: await openAttempt(tx, tenantId, email, ip), staff: await findStaffByEmail(tx, tenantId, email) }));
      if (gate.gate.kind === 'ip_blocked') throw ipBlockedError(gate.gate.until);
      if (gate.gate.kind === 'locked') throw lockedError(gate.gate.until);
      // After the sign-in gate, so an auto-blocked address hears 429 with Retry-After rather than a bare 403.
      await client.assertIpAllowed?.(tenantId);
      const { attemptId } = gate.gate;
      const staff = gate.staff;
      const check = await passwords.check(staff?.status === 'active' ? staff.passwordHash : null, input.password);
      if (!check.ok || !staff) {
        const reason = !staff ? 'unknown_account' : staff.status !== 'active' ? 'disabled' : staff.passwordHash ? 'wrong_password' : 'no_password';
        const error = await inTransaction(db, { tenantId }, (tx) => afterFailedAttempt(tx, deps, ctx, { tenantId, email, ip, subjectId: staff?.id, reason }, client));
        throw error;
      }
      const rehashed = check.needsRehash ? await passwords.hash(input.password) : null;
      return inTransaction(db, { tenantId }, async (tx) => {
        if (rehashed) await updateStaff(tx, tenantId, staff.id, { passwordHash: rehashed });
        if (staff.totpEnabledAt) {
          // Neither a success nor a failure yet: the code decides.
          await deleteAttempt(tx, tenantId, attemptId);
          return { kind: 'mfa_required', mfaToken: await deps.tokens.signMfa({ sub: staff.id, tid: tenantId }) };
        }
        await markAttemptSucceeded(tx, tenantId, attemptId);
        return signedIn(tx, ctx, staff, client, 'password');
      });
    },

    /** Step two when 2FA is on: the token from step one and a TOTP or recovery code. Wrong codes count as failed sign-ins. */
    async completeMfa(ctx: Ctx, input: { mfaToken: string; code: string }, client: ClientInfo): Promise<SignedIn> {
      let claims;
      try {
        claims = await deps.tokens.verifyMfa(input.mfaToken);
      } catch (err) {
        if (err instanceof InvalidToken) throw mfaInvalid();
        throw err;
      }
      const { sub: staffId, tid: tenantId } = claims;
      const ip = normaliseIp(client.ip);
      const outcome = await inTransaction(db, { tenantId }, async (tx): Promise<Outcome<SignedIn>> => {
        const staff = await findStaffById(tx, tenantId, staffId);
        if (!staff || staff.status !== 'active' || !staff.totpEnabledAt) return { ok: false, error: mfaInvalid() };
        const gate = await openAttempt(tx, tenantId, staff.email, ip);
        if (gate.kind === 'ip_blocked') return { ok: false, error: ipBlockedError(gate.until) };
        if (gate.kind === 'locked') return { ok: false, error: lockedError(gate.until) };
        const method = await acceptSecondFactor(tx, deps, staff, input.code);
        if (!method) {
          const error = await afterFailedAttempt(tx, deps, ctx, { tenantId, email: staff.email, ip, subjectId: staffId, reason: 'wrong_mfa_code' }, client);
          return { ok: false, error: error.code === 'AUTH_INVALID_CREDENTIALS' ? mfaInvalid() : error };
        }
        await markAttemptSucceeded(tx, tenantId, gate.attemptId);
        if (method === 'recovery_code') {
          await recordAudit(tx, { ...auditBase(ctx, tenantId, client), actor: { kind: 'staff', id: staffId }, action: 'staff.recovery_code_used', targetType: 'staff', targetId: staffId });
        }
        return { ok: true, value: await signedIn(tx, ctx, staff, client, method) };
      });
      // Failures are answered after commit, so they stay counted.
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
