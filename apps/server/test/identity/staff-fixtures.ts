import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { uuidv7 } from 'uuidv7';
import { createIdentityDeps, ownerAccounts, type IdentityDeps } from '../../src/modules/identity/index.ts';
import { staffUsers } from '../../src/modules/identity/identity.tables.ts';
import { createStoreService } from '../../src/modules/tenancy/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import type { TestApp } from '../app.ts';

export const PASSWORD = 'plum-harbour-engine-42';

export function identityDepsOf(t: TestApp): IdentityDeps {
  return createIdentityDeps({ db: t.database.db, config: t.config, jobQueue: createJobQueue({ maxAttempts: 3 }) });
}

export interface StoreFixture {
  storeId: string;
  handle: string;
  ownerId: string;
  ownerEmail: string;
}

/** A store whose owner already has PASSWORD. */
export async function makeStore(t: TestApp, handle: string): Promise<StoreFixture> {
  const deps = identityDepsOf(t);
  const stores = createStoreService({ db: t.database.db, createOwnerAccount: ownerAccounts(deps) });
  const ownerEmail = `owner@${handle}.test`;
  const created = await inTransaction(t.database.db, { tenantId: null, platform: true }, (tx) =>
    stores.insertStoreWithOwner(tx, systemCtx(t.log, 'test'), { name: handle, handle, defaultCurrency: 'EUR', locale: 'en', timezone: 'UTC', owner: { email: ownerEmail, name: 'Owner' } }, PASSWORD),
  );
  return { storeId: created.storeId, handle, ownerId: created.ownerId, ownerEmail };
}

/** A staff member of a store, with PASSWORD. */
export async function addStaff(t: TestApp, storeId: string, email: string, role: string, password = PASSWORD): Promise<string> {
  const id = uuidv7();
  const passwordHash = await identityDepsOf(t).passwords.hash(password);
  await inTransaction(t.database.db, { tenantId: storeId }, (tx) => tx.insert(staffUsers).values({ id, tenantId: storeId, email, name: email.split('@')[0]!, role, passwordHash }));
  return id;
}

export interface LoginOptions {
  ip?: string;
  headers?: Record<string, string>;
}

export function login(t: TestApp, body: { store: string; email: string; password: string }, options: LoginOptions = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/login', payload: body, headers: options.headers, remoteAddress: options.ip ?? '127.0.0.1' });
}

/** Signs in and returns the bearer header and the refresh token. */
export async function signIn(t: TestApp, store: string, email: string, password = PASSWORD) {
  const res = await login(t, { store, email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { accessToken: string; refreshToken: string };
  return { auth: { authorization: `Bearer ${body.accessToken}` }, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** The payloads of queued mail.send jobs (what the mail module will send), newest last. */
export async function queuedMails(t: TestApp): Promise<Array<{ type: string; to: string[]; variables: Record<string, unknown> }>> {
  const res = await t.database.pool.query(`
    select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
    where k.identifier = 'mail.send' order by j.id`);
  return res.rows.map((r: { payload: { type: string; to: string[]; variables: Record<string, unknown> } }) => r.payload);
}

/** A valid TOTP code for the time step `offset` steps from now. */
export function totpCode(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });
}

/** Moves a store's recorded sign-in attempts into the past (instead of waiting). */
export async function ageLoginAttempts(t: TestApp, storeId: string, seconds: number): Promise<void> {
  await inTransaction(t.database.db, { tenantId: storeId }, (tx) => tx.execute(sql`update login_attempts set created_at = created_at - make_interval(secs => ${seconds}) where tenant_id = ${storeId}`));
}

export async function auditActions(t: TestApp, storeId: string): Promise<string[]> {
  const res = await inTransaction(t.database.db, { tenantId: storeId }, (tx) => tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${storeId} order by id`));
  return res.rows.map((r) => r.action);
}
