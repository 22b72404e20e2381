import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { normaliseEmail } from './identity-context.ts';
import { insertOneTimeToken } from './one-time-token.repository.ts';
import { newOpaqueToken, sha256Hex } from './secret-keys.ts';
import { insertStaff } from './staff.repository.ts';

export const PASSWORD_SET_DAYS = 7;
export const SET_PASSWORD_PAGE = '/admin/set-password';

export interface OwnerAccountInput {
  tenantId: string;
  email: string;
  name: string;
  /** Already chosen (the demo store's generated one); otherwise the owner gets a one-time link to set it. */
  password?: string;
}

export interface OwnerAccount {
  staffId: string;
  /** The one-time link to choose a password (valid 7 days), when no password was given. */
  setPasswordLink: string | null;
}

/**
 * Creates a store's first owner inside the store-creating transaction. The
 * link carries the token in its fragment, which browsers never send to a
 * server, so it stays out of access logs (as mail links do).
 */
export function ownerAccounts(deps: IdentityDeps) {
  return async function createOwnerAccount(tx: Tx, input: OwnerAccountInput): Promise<OwnerAccount> {
    const staffId = uuidv7();
    const passwordHash = input.password === undefined ? null : await deps.passwords.hash(input.password);
    await insertStaff(tx, {
      id: staffId,
      tenantId: input.tenantId,
      email: normaliseEmail(input.email),
      name: input.name,
      role: 'owner',
      passwordHash,
      passwordChangedAt: passwordHash ? new Date() : null,
    });
    if (passwordHash) return { staffId, setPasswordLink: null };
    const token = newOpaqueToken();
    await insertOneTimeToken(tx, {
      id: uuidv7(),
      tenantId: input.tenantId,
      purpose: 'password_set',
      subjectType: 'staff',
      subjectId: staffId,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + PASSWORD_SET_DAYS * 86_400_000),
    });
    return { staffId, setPasswordLink: `${deps.config.publicUrl}${SET_PASSWORD_PAGE}#token=${token}` };
  };
}

export type CreateOwnerAccount = ReturnType<typeof ownerAccounts>;
