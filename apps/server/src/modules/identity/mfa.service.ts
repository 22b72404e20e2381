import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import { auditBase, staffIdOf } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import { acceptSecondFactor, newRecoveryCodes, recoveryCodeHash } from './second-factor.ts';
import { disableTotp, enableTotp, replaceRecoveryCodes, setPendingTotpSecret } from './staff-mfa.repository.ts';
import { findStaffById, type StaffRow } from './staff.repository.ts';
import { newTotpSecret, totpUri } from './totp.ts';

export interface MfaEnrolment {
  /** For typing into an authenticator app by hand. */
  secret: string;
  otpauthUri: string;
  /** The same URI as a QR code (PNG data URL). */
  qrCode: string;
}

/** qrcode is loaded on the first enrolment: most processes never draw one. */
async function qrCodeDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

const mfaInvalid = () => new DomainError('AUTH_MFA_INVALID', 'The code is not right or was already used.');

export function createMfaService(deps: IdentityDeps) {
  const { db } = deps;

  const signedInStaff = async (tx: Parameters<typeof findStaffById>[0], ctx: Ctx): Promise<StaffRow> => {
    const { tenantId, staffId } = staffIdOf(ctx);
    const staff = await findStaffById(tx, tenantId, staffId, true);
    if (!staff) throw new DomainError('STAFF_NOT_FOUND', 'Your account no longer exists.');
    return staff;
  };

  return {
    /** Starts enrolment: a new secret, not active until a code from it is confirmed. */
    enroll(ctx: Ctx): Promise<MfaEnrolment> {
      return inTransaction(db, { tenantId: ctx.tenantId }, async (tx) => {
        const staff = await signedInStaff(tx, ctx);
        if (staff.totpEnabledAt) throw new DomainError('AUTH_MFA_CONFLICT', 'Two-factor sign-in is already on. Turn it off first to enrol a new device.');
        const store = await findStoreById(tx, staff.tenantId);
        const secret = newTotpSecret();
        await setPendingTotpSecret(tx, staff.tenantId, staff.id, deps.totpBox.seal(secret, staff.id));
        const otpauthUri = totpUri(secret, `Winkel ${store?.name ?? ''}`.trim(), staff.email);
        return { secret, otpauthUri, qrCode: await qrCodeDataUrl(otpauthUri) };
      });
    },

    /** Turns 2FA on with a first code from the app; returns ten recovery codes, shown this once. */
    async confirm(ctx: Ctx, code: string, client: ClientInfo): Promise<{ recoveryCodes: string[] }> {
      const outcome = await inTransaction(db, { tenantId: ctx.tenantId }, async (tx) => {
        const staff = await signedInStaff(tx, ctx);
        if (staff.totpEnabledAt) throw new DomainError('AUTH_MFA_CONFLICT', 'Two-factor sign-in is already on.');
        if (!staff.totpSecret) throw new DomainError('AUTH_MFA_CONFLICT', 'Start with POST /mfa/enroll.');
        if (!(await acceptSecondFactor(tx, deps, staff, code, false))) return null;
        await enableTotp(tx, staff.tenantId, staff.id);
        const recoveryCodes = newRecoveryCodes();
        await replaceRecoveryCodes(tx, staff.tenantId, staff.id, recoveryCodes.map((c) => recoveryCodeHash(deps, c)));
        await recordAudit(tx, { ...auditBase(ctx, staff.tenantId, client), action: 'staff.mfa_enabled', targetType: 'staff', targetId: staff.id });
        return { recoveryCodes };
      });
      if (!outcome) throw mfaInvalid();
      return outcome;
    },

    /** Turns 2FA off; needs a current code (or a recovery code). */
    async disable(ctx: Ctx, code: string, client: ClientInfo): Promise<void> {
      const ok = await inTransaction(db, { tenantId: ctx.tenantId }, async (tx) => {
        const staff = await signedInStaff(tx, ctx);
        if (!staff.totpEnabledAt) throw new DomainError('AUTH_MFA_CONFLICT', 'Two-factor sign-in is not on.');
        if (!(await acceptSecondFactor(tx, deps, staff, code))) return false;
        await disableTotp(tx, staff.tenantId, staff.id);
        await recordAudit(tx, { ...auditBase(ctx, staff.tenantId, client), action: 'staff.mfa_disabled', targetType: 'staff', targetId: staff.id });
        return true;
      });
      if (!ok) throw mfaInvalid();
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
