import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { generateApiKey } from './api-key-secret.ts';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './api-key.repository.ts';
import { recordAudit, type AuditOrigin } from './audit.service.ts';
import { pageOf, type Page, type PageRequest } from './pagination.ts';
import type { Permission } from './permissions.ts';
import { holdsPermission, storeOf } from './store-scope.ts';

export interface NewApiKeyInput {
  name: string;
  permissions: Permission[];
  expiresAt?: Date | undefined;
  /** Canonical CIDRs (see normaliseCidr); empty or absent: any address. */
  ipAllowlist?: string[] | undefined;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  ipAllowlist: string[];
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    ipAllowlist: row.ipAllowlist ?? [],
    expiresAt: iso(row.expiresAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    lastUsedIp: row.lastUsedIp,
    revokedAt: iso(row.revokedAt),
  };
}

/** What the audit log keeps of a key: never its secret or hash. */
function audited(row: ApiKeyRow) {
  return { name: row.name, prefix: row.prefix, permissions: row.permissions, ipAllowlist: row.ipAllowlist ?? [], expiresAt: iso(row.expiresAt) };
}

function actorId(ctx: Ctx): string | null {
  return ctx.actor.kind === 'staff' || ctx.actor.kind === 'api_key' ? ctx.actor.id : null;
}

/** A key may carry only permissions its creator holds: no one mints more power than they have. */
function refuseUnheldPermissions(ctx: Ctx, permissions: readonly Permission[]): void {
  const unheld = permissions.filter((p) => !holdsPermission(ctx, p));
  if (unheld.length === 0) return;
  throw new DomainError('API_KEY_PERMISSIONS_FORBIDDEN', `You cannot give a key permissions you do not hold: ${unheld.join(', ')}.`, [
    { path: 'body.permissions', message: `not held by you: ${unheld.join(', ')}` },
  ]);
}

export function createApiKeyService(db: Db) {
  return {
    /** Creates a key; the returned `key` is the only time the secret is ever shown. */
    async create(ctx: Ctx, input: NewApiKeyInput, origin: AuditOrigin = {}): Promise<ApiKeyView & { key: string }> {
      const tenantId = storeOf(ctx);
      refuseUnheldPermissions(ctx, input.permissions);
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new DomainError('API_KEY_EXPIRY_INVALID', 'The expiry must lie in the future.', [{ path: 'body.expiresAt', message: 'must lie in the future' }]);
      }
      const made = generateApiKey();
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await insertApiKey(tx, {
          id: uuidv7(),
          tenantId,
          name: input.name,
          prefix: made.prefix,
          secretHash: made.secretHash,
          permissions: [...new Set(input.permissions)],
          ipAllowlist: input.ipAllowlist?.length ? input.ipAllowlist : null,
          expiresAt: input.expiresAt ?? null,
          createdBy: actorId(ctx),
        });
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, requestId: ctx.requestId, action: 'api_key.created', targetType: 'api_key', targetId: row.id, changes: { after: audited(row) } });
        return { ...view(row), key: made.key };
      });
    },

    list(ctx: Ctx, page: PageRequest): Promise<Page<ApiKeyView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => pageOf(await listApiKeys(tx, tenantId, page), page.limit, view));
    },

    async get(ctx: Ctx, id: string): Promise<ApiKeyView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => findApiKey(tx, tenantId, id));
      if (!row) throw new DomainError('API_KEY_NOT_FOUND', 'There is no API key with this id in this store.');
      return view(row);
    },

    /** Revokes at once (keys are checked on every request, not cached); revoking twice is a no-op. */
    revoke(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<ApiKeyView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const revoked = await revokeApiKey(tx, tenantId, id);
        if (!revoked) {
          const existing = await findApiKey(tx, tenantId, id);
          if (!existing) throw new DomainError('API_KEY_NOT_FOUND', 'There is no API key with this id in this store.');
          return view(existing);
        }
        await recordAudit(tx, {
          ...origin,
          tenantId,
          actor: ctx.actor,
          requestId: ctx.requestId,
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: id,
          changes: { before: { revokedAt: null }, after: { revokedAt: iso(revoked.revokedAt) } },
        });
        return view(revoked);
      });
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
