import { randomBytes } from 'node:crypto';
import type { Tx } from '../../platform/db/database.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { hmacHex } from './secret-keys.ts';
import { advanceTotpStep, consumeRecoveryCode } from './staff-mfa.repository.ts';
import type { StaffRow } from './staff.repository.ts';
import { acceptTotp, looksLikeTotpCode } from './totp.ts';

export type SecondFactor = 'totp' | 'recovery_code';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten fresh recovery codes (50 random bits each), shown once as two groups of five characters. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const normalise = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export function recoveryCodeHash(deps: IdentityDeps, code: string): string {
  return hmacHex(deps.recoveryCodeKey, normalise(code));
}

export function openTotpSecret(deps: IdentityDeps, staff: StaffRow): string | null {
  return staff.totpSecret ? deps.totpBox.open(staff.totpSecret, staff.id) : null;
}

/**
 * Accepts a TOTP code (once: its step is recorded, and only later steps pass
 * afterwards) or, when `allowRecovery`, an unused recovery code (then spent).
 */
export async function acceptSecondFactor(tx: Tx, deps: IdentityDeps, staff: StaffRow, code: string, allowRecovery = true): Promise<SecondFactor | null> {
  const secret = openTotpSecret(deps, staff);
  if (!secret) return null;
  const cleaned = normalise(code);
  if (looksLikeTotpCode(cleaned)) {
    const step = await acceptTotp(secret, cleaned, staff.totpLastStep);
    if (step === null) return null;
    return (await advanceTotpStep(tx, staff.tenantId, staff.id, step)) ? 'totp' : null;
  }
  if (!allowRecovery || !staff.totpEnabledAt || !/^[a-z2-7]{10}$/.test(cleaned)) return null;
  return (await consumeRecoveryCode(tx, staff.tenantId, staff.id, recoveryCodeHash(deps, cleaned))) ? 'recovery_code' : null;
}
