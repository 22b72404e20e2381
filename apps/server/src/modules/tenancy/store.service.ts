import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database-error.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { readStoreSettings, type StoreSettings, type StoreSettingsPatch } from './store-settings.ts';
import { checkStoreFields, handleProblem } from './store-validation.ts';
import { findStoreByHandle, findStoreById, insertPublishableKey, insertStore, updateStore, type StoreRow } from './store.repository.ts';

/** Identity's owner-account maker, passed in by the composition root (tenancy does not import identity). */
export type CreateOwnerAccount = (tx: Tx, input: { tenantId: string; email: string; name: string; password?: string }) => Promise<{ staffId: string; setPasswordLink: string | null }>;

export interface TenancyDeps {
  db: Db;
  createOwnerAccount: CreateOwnerAccount;
}

export const createStoreInput = z.object({
  name: z.string().trim().min(1).max(200),
  handle: z.string().trim().toLowerCase().max(40),
  defaultCurrency: z.string().max(3),
  locale: z.string().max(35),
  timezone: z.string().max(64),
  owner: z.object({ email: z.email().max(254), name: z.string().trim().min(1).max(200) }).strict(),
}).strict();

export type CreateStoreInput = z.input<typeof createStoreInput>;

export interface CreatedStore {
  storeId: string;
  handle: string;
  publishableKey: string;
  ownerId: string;
  setPasswordLink: string | null;
}

export interface StoreView {
  id: string;
  handle: string;
  name: string;
  defaultCurrency: string;
  locale: string;
  timezone: string;
  status: string;
  settings: StoreSettings;
  createdAt: string;
  updatedAt: string;
}

export function storeView(row: StoreRow): StoreView {
  const { id, handle, name, defaultCurrency, locale, timezone, status } = row;
  return { id, handle, name, defaultCurrency, locale, timezone, status, settings: readStoreSettings(row.settings), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const invalid = (errors: FieldError[]) => new DomainError('TENANCY_STORE_INVALID', `The store is not valid: ${errors.map((e) => e.path).join(', ')}.`, errors);

export function newPublishableKey(): string {
  return `pk_${randomBytes(24).toString('base64url')}`;
}

export function createStoreService(deps: TenancyDeps) {
  const { db } = deps;

  /** Inside a platform-scope transaction: the store, its first publishable key, and its owner. */
  async function insertStoreWithOwner(tx: Tx, ctx: Ctx, raw: CreateStoreInput, ownerPassword?: string, origin: AuditOrigin = {}): Promise<CreatedStore> {
    const parsed = createStoreInput.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const input = parsed.data;
    const { values, errors } = checkStoreFields(input, '');
    const problem = handleProblem(input.handle);
    if (problem) errors.unshift({ path: 'handle', message: problem });
    if (errors.length > 0) throw invalid(errors);
    if (await findStoreByHandle(tx, input.handle)) throw new DomainError('TENANCY_HANDLE_TAKEN', `The handle "${input.handle}" is taken by another store.`, [{ path: 'handle', message: 'is taken' }]);
    const storeId = uuidv7();
    await insertStore(tx, { id: storeId, tenantId: storeId, handle: input.handle, name: input.name, defaultCurrency: values.defaultCurrency!, locale: values.locale!, timezone: values.timezone! });
    const publishableKey = newPublishableKey();
    await insertPublishableKey(tx, { id: uuidv7(), tenantId: storeId, name: 'Default storefront key', token: publishableKey });
    const owner = await deps.createOwnerAccount(tx, { tenantId: storeId, email: input.owner.email, name: input.owner.name, ...(ownerPassword ? { password: ownerPassword } : {}) });
    await recordAudit(tx, { requestId: ctx.requestId, ...origin, tenantId: storeId, actor: ctx.actor, action: 'store.created', targetType: 'store', targetId: storeId, changes: { after: { handle: input.handle, name: input.name, ownerId: owner.staffId } } });
    return { storeId, handle: input.handle, publishableKey, ownerId: owner.staffId, setPasswordLink: owner.setPasswordLink };
  }

  return {
    insertStoreWithOwner,

    /** A new store with its owner, who gets a one-time link to choose a password. Platform work (CLI, operator API). */
    async createStore(ctx: Ctx, input: CreateStoreInput, origin: AuditOrigin = {}): Promise<CreatedStore> {
      try {
        return await inTransaction(db, { tenantId: null, platform: true }, (tx) => insertStoreWithOwner(tx, ctx, input, undefined, origin));
      } catch (err) {
        // Two creations racing for one handle: the loser lands here.
        if (isUniqueViolation(err)) throw new DomainError('TENANCY_HANDLE_TAKEN', `The handle "${input.handle}" is taken by another store.`, [{ path: 'handle', message: 'is taken' }]);
        throw err;
      }
    },

    getStore(ctx: Ctx): Promise<StoreView> {
      const tenantId = ctx.tenantId!;
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await findStoreById(tx, tenantId);
        if (!row) throw new DomainError('TENANCY_STORE_NOT_FOUND', 'The store no longer exists.');
        return storeView(row);
      });
    },

    updateStore(ctx: Ctx, patch: { name?: string | undefined; defaultCurrency?: string | undefined; locale?: string | undefined; timezone?: string | undefined; settings?: StoreSettingsPatch | undefined }, origin: AuditOrigin = {}): Promise<StoreView> {
      const tenantId = ctx.tenantId!;
      const { values, errors } = checkStoreFields(patch);
      if (errors.length > 0) throw invalid(errors);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await findStoreById(tx, tenantId);
        if (!before) throw new DomainError('TENANCY_STORE_NOT_FOUND', 'The store no longer exists.');
        const settings = patch.settings ? { ...readStoreSettings(before.settings), ...patch.settings } : undefined;
        const after = await updateStore(tx, tenantId, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...values, ...(settings ? { settings } : {}) });
        const [b, a] = [storeView(before), storeView(after!)];
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, requestId: ctx.requestId, action: 'store.updated', targetType: 'store', targetId: tenantId, changes: { before: b, after: a } });
        return a;
      });
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
