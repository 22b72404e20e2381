import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { queueMail } from '../mail/index.ts';
import { recordAudit } from '../security/index.ts';
import { findStoreByHandle } from '../tenancy/index.ts';
import { auditBase, normaliseEmail } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import { findOneTimeTokenTenant, insertOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed, retireOneTimeTokens } from './one-time-token.repository.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import { revokeAllSessions } from './session.repository.ts';
import { newOpaqueToken, sha256Hex } from './secret-keys.ts';
import { findStaffByEmail, findStaffById, updateStaff } from './staff.repository.ts';

export const PASSWORD_RESET_MINUTES = 30;

export const tokenInvalid = () => new DomainError('AUTH_TOKEN_INVALID', 'This link is invalid, expired or already used. Ask for a new one.');

export function createPasswordResetService(deps: IdentityDeps) {
  const { db } = deps;
  return {
    /**
     * Mails a single-use reset link (30 minutes) when the store and an active
     * account exist; does nothing otherwise. The caller answers the same either way.
     */
    async requestReset(ctx: Ctx, input: { store: string; email: string }, client: ClientInfo): Promise<void> {
      const email = normaliseEmail(input.email);
      const store = await inTransaction(db, { tenantId: null, platform: true }, (tx) => findStoreByHandle(tx, input.store.trim().toLowerCase()));
      if (!store || store.status !== 'active') return;
      const tenantId = store.id;
      await inTransaction(db, { tenantId }, async (tx) => {
        const staff = await findStaffByEmail(tx, tenantId, email);
        if (!staff || staff.status !== 'active') return;
        await retireOneTimeTokens(tx, tenantId, staff.id, 'password_reset');
        const token = newOpaqueToken();
        await insertOneTimeToken(tx, {
          id: uuidv7(),
          tenantId,
          purpose: 'password_reset',
          subjectType: 'staff',
          subjectId: staff.id,
          tokenHash: sha256Hex(token),
          expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
        });
        await queueMail(tx, deps.jobQueue, { type: 'password_reset', to: staff.email, locale: store.locale, tenantId, variables: { name: staff.name, token, expiresInMinutes: PASSWORD_RESET_MINUTES } });
        await recordAudit(tx, { ...auditBase(ctx, tenantId, client), action: 'staff.password_reset_requested', targetType: 'staff', targetId: staff.id });
      });
    },

    /**
     * Sets a new password with a reset link or an owner's first password-set
     * link, spends the link, and ends every session of the account.
     */
    async confirmReset(ctx: Ctx, input: { token: string; newPassword: string }, client: ClientInfo): Promise<void> {
      assertPasswordPolicy(input.newPassword, 'body.newPassword');
      const tokenHash = sha256Hex(input.token);
      const tenantId = await inTransaction(db, { tenantId: null, platform: true }, (tx) => findOneTimeTokenTenant(tx, tokenHash));
      if (!tenantId) throw tokenInvalid();
      const passwordHash = await deps.passwords.hash(input.newPassword);
      await inTransaction(db, { tenantId }, async (tx) => {
        const token = await lockOneTimeToken(tx, tenantId, tokenHash);
        const usable = token && !token.usedAt && token.expiresAt.getTime() > Date.now() && token.subjectType === 'staff' && (token.purpose === 'password_reset' || token.purpose === 'password_set');
        if (!usable) throw tokenInvalid();
        const staff = await findStaffById(tx, tenantId, token.subjectId);
        if (!staff || staff.status !== 'active') throw tokenInvalid();
        assertPasswordPolicy(input.newPassword, 'body.newPassword', staff.email);
        await updateStaff(tx, tenantId, staff.id, { passwordHash, passwordChangedAt: new Date() });
        await markOneTimeTokenUsed(tx, tenantId, token.id);
        const ended = await revokeAllSessions(tx, tenantId, staff.id, 'password_reset');
        const action = token.purpose === 'password_set' ? 'staff.password_set' : 'staff.password_reset';
        await recordAudit(tx, { ...auditBase(ctx, tenantId, client), action, targetType: 'staff', targetId: staff.id, changes: { after: { password: 'changed', sessionsEnded: ended } } });
      });
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
