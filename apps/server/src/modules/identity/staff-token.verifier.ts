import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AuthenticationFailed, type BearerVerifier, type Principal } from '../../platform/http/authenticate.ts';
import { isRole, permissionsOf } from '../security/index.ts';
import { readStoreSettings } from '../tenancy/index.ts';
import { createStaffTokens, InvalidToken, type StaffTokens } from './access-token.ts';
import { findSessionPrincipal } from './session.repository.ts';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const NO_PERMISSIONS: ReadonlySet<string> = new Set();

/**
 * Staff access tokens (JWTs). Besides the signature, algorithm, issuer,
 * audience and expiry, every request checks that the session is live, the
 * person active and the store not suspended, and takes the permissions of the
 * role as it is now. An owner or admin who must enrol 2FA (store setting) and
 * has not gets no permissions: only the routes open to any signed-in person
 * (enrolment itself, sessions, sign-out).
 */
export function createStaffTokenVerifier(deps: { db: Db; config: Config; tokens?: StaffTokens }): BearerVerifier {
  const tokens = deps.tokens ?? createStaffTokens(deps.config.appSecret, deps.config.publicUrl);
  return {
    name: 'staff-access-token',
    matches: (token) => JWT_SHAPE.test(token),
    async verify(token): Promise<Principal> {
      let claims;
      try {
        claims = await tokens.verifyAccess(token);
      } catch (err) {
        if (err instanceof InvalidToken) throw new AuthenticationFailed(`access token: ${err.message}`);
        throw err;
      }
      const row = await inTransaction(deps.db, { tenantId: claims.tid }, (tx) => findSessionPrincipal(tx, claims.tid, claims.sub, claims.sid));
      if (!row) throw new AuthenticationFailed('access token: no such session');
      if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw new AuthenticationFailed('access token: session ended');
      if (row.status !== 'active' || row.storeStatus !== 'active') throw new AuthenticationFailed('access token: account or store disabled');
      if (!isRole(row.role)) throw new AuthenticationFailed('access token: unknown role');
      const mfaSetupRequired = (row.role === 'owner' || row.role === 'admin') && !row.totpEnabledAt && readStoreSettings(row.settings).requireMfaForAdmins;
      return {
        tenantId: claims.tid,
        actor: { kind: 'staff', id: claims.sub },
        permissions: mfaSetupRequired ? NO_PERMISSIONS : permissionsOf(row.role),
        sessionId: claims.sid,
      };
    },
  };
}
