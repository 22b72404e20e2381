import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { cursorAt, olderThan, type PageRequest } from './pagination.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import { apiKeys } from './security.tables.ts';

/** A key as its store sees it: everything but the secret's hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  ipAllowlist: string[] | null;
  expiresAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  cursorAt: string;
}

/** What verifying a presented key needs. */
export interface ApiKeyCredential {
  id: string;
  tenantId: string;
  secretHash: string;
  permissions: string[];
  ipAllowlist: string[] | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** The store's status: keys of a suspended store do not work. */
  storeStatus: string;
}

const visible = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  permissions: apiKeys.permissions,
  ipAllowlist: apiKeys.ipAllowlist,
  expiresAt: apiKeys.expiresAt,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: sql<string | null>`host(${apiKeys.lastUsedIp})`,
  revokedAt: apiKeys.revokedAt,
  cursorAt: cursorAt(apiKeys.createdAt),
};

export async function insertApiKey(tx: Tx, key: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [row] = await tx.insert(apiKeys).values(key).returning(visible);
  return row!;
}

export async function findApiKey(tx: Tx, tenantId: string, id: string): Promise<ApiKeyRow | null> {
  const [row] = await tx.select(visible).from(apiKeys).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row ?? null;
}

/** Newest first; one more row than the page holds when there is more. */
export async function listApiKeys(tx: Tx, tenantId: string, page: PageRequest): Promise<ApiKeyRow[]> {
  return tx
    .select(visible)
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), olderThan(apiKeys.createdAt, apiKeys.id, page.cursor)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(page.limit + 1);
}

/** Revokes a key that is not revoked yet; null when there is no such live key in the store. */
export async function revokeApiKey(tx: Tx, tenantId: string, id: string): Promise<ApiKeyRow | null> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(visible);
  return row ?? null;
}

/** Across stores (platform scope): the prefix is unique deployment-wide. */
export async function findApiKeyCredential(tx: Tx, prefix: string): Promise<ApiKeyCredential | null> {
  const [row] = await tx
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      secretHash: apiKeys.secretHash,
      permissions: apiKeys.permissions,
      ipAllowlist: apiKeys.ipAllowlist,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      storeStatus: stores.status,
    })
    .from(apiKeys)
    .innerJoin(stores, eq(stores.id, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, prefix));
  return row ?? null;
}

/**
 * Records a use, unless one was recorded in the last `everySeconds`: a hot key
 * writes once a minute, not once a request, and concurrent requests on several
 * instances still write at most once (the condition is checked by the update).
 */
export async function touchApiKey(tx: Tx, tenantId: string, id: string, ip: string | null, everySeconds: number): Promise<void> {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()`, lastUsedIp: ip })
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${everySeconds})`)),
      ),
    );
}
