import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { stores } from '../../src/modules/tenancy/tenancy.tables.ts';
import { isRole, permissionsOf, type Role } from '../../src/modules/security/permissions.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { AuthenticationFailed, type BearerVerifier } from '../../src/platform/http/authenticate.ts';

/**
 * Test-only bearer tokens `test-role:<role>:<tenantId>[:<staffId>]`: a
 * principal of that role in that store, without signing anyone in. Exists in
 * test/ only and is handed to buildTestApp({ bearerVerifiers }).
 */
const PREFIX = 'test-role:';

/** A stable staff id per role and store, so repeated tokens name the same person. */
function staffIdFor(role: Role, tenantId: string): string {
  const hex = createHash('sha256').update(`${role}:${tenantId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function roleToken(role: Role, tenantId: string, staffId = staffIdFor(role, tenantId)): string {
  return `${PREFIX}${role}:${tenantId}:${staffId}`;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function as(role: Role, tenantId: string): Record<string, string> {
  return bearer(roleToken(role, tenantId));
}

export function testRoleVerifier(): BearerVerifier {
  return {
    name: 'test-role',
    matches: (token) => token.startsWith(PREFIX),
    async verify(token) {
      const [role, tenantId, staffId] = token.slice(PREFIX.length).split(':');
      if (!role || !isRole(role) || !tenantId || !staffId) throw new AuthenticationFailed('malformed test-role token');
      return { tenantId, actor: { kind: 'staff', id: staffId }, permissions: permissionsOf(role), sessionId: uuidv7() };
    },
  };
}

/** A store row, made the way platform work makes one (stores are the tenancy module's; tests only need the row). */
export async function createStore(database: Database, handle: string): Promise<string> {
  const id = uuidv7();
  await inTransaction(database.db, { tenantId: null, platform: true }, (tx) =>
    tx.insert(stores).values({ id, tenantId: id, handle, name: handle, defaultCurrency: 'EUR', locale: 'en', timezone: 'UTC' }),
  );
  return id;
}
