import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { WriteStep } from '../../platform/db/write-step.ts';
import { executePreparedQuery } from '../../platform/db/prepared-statement.ts';
import { slot, statementTemplate, type ValueOrSlot } from '../../platform/db/statement-template.ts';
import { storePricingJson, storePricingRowOf, type StorePricingRow } from '../checkout-settings/index.ts';
import { carts } from './carts.tables.ts';

export type CartRow = typeof carts.$inferSelect;
/** When a cart made now expires: `ttlDays` from now. */
const lifetimeFrom = (ttlDays: ValueOrSlot<number>): SQL => sql`now() + make_interval(days => ${ttlDays})`;

/** How far a changed cart's expiry may fall short of a full lifetime from the change. */
const RENEWAL_STEP = '1 hour';

/**
 * When a changed cart expires: `ttlDays` from now, unless its expiry is already less than
 * RENEWAL_STEP short of that, when it keeps it. The changes of one shopping session then leave
 * `expires_at`, which the expiry job's index holds, as it is, so their updates are HOT: no new entry
 * in any of the cart's indexes (docs/checkout.md#expiry).
 */
const renewedLifetime = (ttlDays: ValueOrSlot<number>): SQL =>
  sql`case when expires_at > ${lifetimeFrom(ttlDays)} - interval '${sql.raw(RENEWAL_STEP)}' then expires_at else ${lifetimeFrom(ttlDays)} end`;

export type CartChanges = Partial<Pick<CartRow, 'email' | 'shippingAddress' | 'shippingMethodId' | 'discountCodes' | 'customerId' | 'tokenHash' | 'status'>>;

export async function insertCart(tx: Tx, row: Omit<typeof carts.$inferInsert, 'expiresAt'>, ttlDays: number): Promise<CartRow> {
  const [inserted] = await executePreparedQuery(
    tx
      .insert(carts)
      .values({ ...row, expiresAt: lifetimeFrom(ttlDays) })
      .returning(),
  );
  return inserted!;
}

/** A new cart's own values (the rest are defaults), each a value or a template's slot. */
export type NewCartValues = { [K in 'id' | 'tenantId' | 'tokenHash' | 'email']: ValueOrSlot<CartRow[K]> };

/**
 * The INSERT of a new cart in the store's default currency, returning the whole row: a step of the
 * statement that also prices it (see cartPricingRows), so a new cart costs one round trip.
 */
export function newCartInsert(tx: Tx, row: NewCartValues, ttlDays: ValueOrSlot<number>): SQL {
  return tx
    .insert(carts)
    .values({
      ...row,
      currency: sql`(select s.default_currency from stores s where s.tenant_id = ${row.tenantId} and s.id = ${row.tenantId})`,
      expiresAt: lifetimeFrom(ttlDays),
    })
    .returning()
    .getSQL();
}

/** A cart row as `row_to_json` gives it (column names, timestamps as text). */
export function cartRowOfJson(value: unknown): CartRow {
  const r = value as Record<string, unknown>;
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    tokenHash: r.token_hash as string,
    customerId: r.customer_id as string | null,
    email: r.email as string | null,
    shippingAddress: r.shipping_address as CartRow['shippingAddress'],
    shippingMethodId: r.shipping_method_id as string | null,
    discountCodes: r.discount_codes as string[],
    currency: r.currency as string,
    status: r.status as CartRow['status'],
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    expiresAt: new Date(r.expires_at as string),
  };
}

/** The store's active, unexpired cart with this id, row-locked when it is about to change (so changes to one cart queue up). */
export async function findActiveCart(tx: Tx, tenantId: string, id: string, lock: boolean): Promise<CartRow | undefined> {
  const query = tx
    .select()
    .from(carts)
    .where(and(eq(carts.tenantId, tenantId), eq(carts.id, id), eq(carts.status, 'active'), gt(carts.expiresAt, sql`now()`)));
  const [row] = await executePreparedQuery(lock ? query.for('update') : query);
  return row;
}

const lockTemplate = statementTemplate<{ cart: unknown; store: unknown }>(() => {
  const tenantId = slot('tenantId');
  return sql`select row_to_json(c) as cart, ${storePricingJson(tenantId)} as store
    from carts c
    where c.tenant_id = ${tenantId} and c.id = ${slot('id')} and c.status = 'active' and c.expires_at > now()
    for update of c`;
});

/** The store's active, unexpired cart, locked, with the store's pricing settings, in one statement. */
export async function lockActiveCartWithStore(tx: Tx, tenantId: string, id: string): Promise<{ cart: CartRow; store: StorePricingRow } | undefined> {
  const [row] = await lockTemplate.run(tx, { tenantId, id });
  return row && { cart: cartRowOfJson(row.cart), store: storePricingRowOf(row.store) };
}

/** The signed-in customer's active cart, locked. */
export async function findActiveCartOfCustomer(tx: Tx, tenantId: string, customerId: string): Promise<CartRow | undefined> {
  const [row] = await tx
    .select()
    .from(carts)
    .where(and(eq(carts.tenantId, tenantId), eq(carts.customerId, customerId), eq(carts.status, 'active'), gt(carts.expiresAt, sql`now()`)))
    .for('update');
  return row;
}

/**
 * The UPDATE `touchCart` runs, returning the new times, for a statement that also reads (see
 * cartPricingRows). Each changed column's value goes into the slot `set_<field>`, encoded as its
 * column encodes it; the text depends only on which fields change.
 */
export function touchCartUpdate(tenantId: ValueOrSlot<string>, id: ValueOrSlot<string>, changed: ReadonlyArray<keyof CartChanges>, ttlDays: ValueOrSlot<number>): SQL {
  const sets = changed.map((field) => sql`${sql.identifier(carts[field].name)} = ${sql.param(slot(`set_${field}`), carts[field])}`);
  return sql`update carts set ${sql.join([...sets, sql`updated_at = now()`, sql`expires_at = ${renewedLifetime(ttlDays)}`], sql`, `)}
    where tenant_id = ${tenantId} and id = ${id}
    returning updated_at, expires_at`;
}

/** Applies the changes and starts the cart's lifetime again from now (renewedLifetime). */
export async function touchCart(tx: Tx, tenantId: string, id: string, changes: CartChanges, ttlDays: number): Promise<CartRow> {
  // Prepared: the shapes are few (which fields changed), and every cart request ends here.
  const [row] = await executePreparedQuery(
    tx
      .update(carts)
      .set({ ...changes, updatedAt: sql`now()`, expiresAt: renewedLifetime(ttlDays) })
      .where(and(eq(carts.tenantId, tenantId), eq(carts.id, id)))
      .returning(),
  );
  return row!;
}

/** The update that marks the cart converted (its order placed), as a step of the checkout's statement. */
export function cartConversionStep(tenantId: string, id: string, ttlDays: number): WriteStep {
  return {
    key: 'cart-conversion',
    build: (tx, slot) =>
      tx
        .update(carts)
        .set({ status: 'converted', updatedAt: sql`now()`, expiresAt: lifetimeFrom(slot('ttlDays')) })
        .where(and(eq(carts.tenantId, slot('tenantId')), eq(carts.id, slot('id'))))
        .getSQL(),
    values: { tenantId, id, ttlDays },
  };
}

/**
 * The two statements of cart expiry: mark up to `limit` active carts past their expiry as
 * abandoned; delete up to `limit` abandoned or merged carts (with their lines) `keepDays` after
 * they expired. Each picks its carts in an `= any(array(...))`, which runs once
 * (docs/architecture.md#locking-subqueries).
 */
export const cartExpiryStatements = (limit: number, keepDays: number): { abandon: SQL; purge: SQL } => ({
  abandon: sql`
    update carts set status = 'abandoned', updated_at = now()
    where id = any(array(select id from carts where status = 'active' and expires_at <= now() order by expires_at limit ${limit} for update skip locked))`,
  purge: sql`
    delete from carts
    where id = any(array(
      select id from carts where status in ('abandoned', 'merged') and expires_at <= now() - make_interval(days => ${keepDays})
      order by expires_at limit ${limit} for update skip locked))`,
});

/** Platform scope: runs cartExpiryStatements; returns how many carts each changed. */
export async function expireCarts(tx: Tx, limit: number, keepDays: number): Promise<{ abandoned: number; deleted: number }> {
  const { abandon, purge } = cartExpiryStatements(limit, keepDays);
  const abandoned = await tx.execute(abandon);
  const deleted = await tx.execute(purge);
  return { abandoned: abandoned.rowCount ?? 0, deleted: deleted.rowCount ?? 0 };
}
