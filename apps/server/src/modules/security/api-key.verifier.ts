import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AuthenticationFailed, type BearerVerifier, type Principal } from '../../platform/http/authenticate.ts';
import { API_KEY_MARK, apiKeySecretMatches, parseApiKey } from './api-key-secret.ts';
import { findApiKeyCredential, touchApiKey } from './api-key.repository.ts';
import { ipInAny, parseIp } from './cidr.ts';
import { isPermission } from './permissions.ts';

/** A hot key records its last use at most this often (per key, across instances). */
const LAST_USED_EVERY_SECONDS = 60;

/**
 * Recognises `Authorization: Bearer wk_sk_…` and turns a valid key into its
 * store's principal. Looked up on every request (no cache), so a revocation
 * takes effect on the next one. Refuses (401) unknown, revoked and expired
 * keys, keys of a suspended store, and keys presented from outside their IP
 * allowlist.
 */
export function createApiKeyVerifier(db: Db): BearerVerifier {
  return {
    name: 'api-key',
    matches: (token) => token.startsWith(API_KEY_MARK),
    async verify(token: string, request: FastifyRequest): Promise<Principal> {
      const parsed = parseApiKey(token);
      if (!parsed) throw new AuthenticationFailed('malformed API key');
      // The key decides the store, so the lookup must see every store's keys.
      return inTransaction(db, { tenantId: null, platform: true }, async (tx) => {
        const key = await findApiKeyCredential(tx, parsed.prefix);
        if (!key || !apiKeySecretMatches(parsed.secret, key.secretHash)) throw new AuthenticationFailed('unknown API key');
        if (key.revokedAt) throw new AuthenticationFailed('revoked API key');
        if (key.storeStatus !== 'active') throw new AuthenticationFailed('API key of a suspended store');
        if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new AuthenticationFailed('expired API key');
        if (key.ipAllowlist?.length && !ipInAny(request.ip, key.ipAllowlist)) throw new AuthenticationFailed('API key used from outside its IP allowlist');
        const stale = !key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_SECONDS * 1000;
        if (stale) await touchApiKey(tx, key.tenantId, key.id, parseIp(request.ip) ? request.ip : null, LAST_USED_EVERY_SECONDS);
        return { tenantId: key.tenantId, actor: { kind: 'api_key', id: key.id }, permissions: new Set(key.permissions.filter(isPermission)) };
      });
    },
  };
}
