import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import { slot, statementTemplate, type ValueOrSlot } from '../../platform/db/statement-template.ts';
import { stockReservations } from './inventory.tables.ts';
import type { StockLevelRow } from './stock-level.repository.ts';

export type ReservationRow = typeof stockReservations.$inferSelect;
type Status = ReservationRow['status'];

export async function insertReservation(tx: Tx, row: Omit<typeof stockReservations.$inferInsert, 'id' | 'status'>): Promise<ReservationRow> {
  const [inserted] = await tx.insert(stockReservations).values({ ...row, id: uuidv7(), status: 'active' }).returning();
  return inserted!;
}

/**
 * Moves an active reservation to its end state in one conditional statement,
 * so of two concurrent callers (commit and release, or the expiry job) one wins.
 */
export async function closeReservation(tx: Tx, tenantId: string, id: string, status: Exclude<Status, 'active'>): Promise<ReservationRow | undefined> {
  const [row] = await tx
    .update(stockReservations)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.id, id), eq(stockReservations.status, 'active')))
    .returning();
  return row;
}

export async function findReservation(tx: Tx, tenantId: string, id: string): Promise<ReservationRow | undefined> {
  const [row] = await tx.select().from(stockReservations).where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.id, id)));
  return row;
}

/**
 * The statement that expires up to `limit` due reservations of every store and hands their stock
 * back. Rows another transaction holds (a commit in flight) are skipped and looked at next time.
 * The locking read is a materialized CTE, so it runs once (docs/architecture.md#locking-subqueries).
 */
export const reservationExpiryStatement = (limit: number): SQL => sql`
    with due as materialized (
      select id from stock_reservations
      where status = 'active' and expires_at <= now()
      order by expires_at limit ${limit}
      for update skip locked
    ), expired as (
      update stock_reservations r set status = 'expired', updated_at = now()
      from due where r.id = due.id and r.status = 'active'
      returning r.tenant_id, r.variant_id, r.location_id, r.quantity
    ), totals as (
      select tenant_id, variant_id, location_id, sum(quantity)::int as quantity from expired group by 1, 2, 3
    ), released as (
      update stock_levels s set reserved = s.reserved - t.quantity, updated_at = now()
      from totals t where s.tenant_id = t.tenant_id and s.variant_id = t.variant_id and s.location_id = t.location_id
      returning s.id
    )
    select (select count(*)::int from expired) as n, (select count(*) from released) as levels`;

/** Runs reservationExpiryStatement; returns how many reservations expired. Platform scope only. */
export async function expireDueReservations(tx: Tx, limit: number): Promise<number> {
  const result = await tx.execute<{ n: number }>(reservationExpiryStatement(limit));
  return result.rows[0]?.n ?? 0;
}

/** The active reservations held for a reference (an order), in lock order: by variant, then location. */
export async function activeReservationsOf(tx: Tx, tenantId: string, reference: string): Promise<ReservationRow[]> {
  return tx
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.tenantId, tenantId), eq(stockReservations.reference, reference), eq(stockReservations.status, 'active')))
    .orderBy(asc(stockReservations.variantId), asc(stockReservations.locationId));
}

type Hold = { quantity: number; reference: string; expiresAt: Date };
type Held = { level: StockLevelRow; reservationId: string };

/** The store's default location, as a subquery. */
const defaultLocationOf = (tenantId: ValueOrSlot<string>): SQL => sql`(select id from locations where tenant_id = ${tenantId} and is_default)`;

/** What a hold writes, each a value or a template's slot. */
type HoldValues = { [K in 'tenantId' | 'variantId' | 'reservationId' | 'reference' | 'expiresAt']: ValueOrSlot<string> } & { quantity: ValueOrSlot<number>; location: SQL };

/**
 * The two steps of every hold, for a `with`: `level` takes `quantity` more into reserved at the
 * level while that many are available (no row when it cannot), and `held` records the reservation
 * for it.
 */
const holdSteps = (v: HoldValues): SQL => sql`
    level as (
      update stock_levels set reserved = reserved + ${v.quantity}, updated_at = now()
      where tenant_id = ${v.tenantId} and variant_id = ${v.variantId} and location_id = ${v.location} and on_hand - reserved >= ${v.quantity}
      returning id, tenant_id, variant_id, location_id, on_hand, reserved, available, low_stock_threshold, updated_at
    ), held as (
      insert into stock_reservations (id, tenant_id, variant_id, location_id, quantity, reference, status, expires_at)
      select ${v.reservationId}, tenant_id, variant_id, location_id, ${v.quantity}, ${v.reference}, 'active', ${v.expiresAt}::timestamptz from level
      returning id
    )`;

/** The one reserving statement, at the location `location` (a value or a subquery) names. */
async function reserveAt(tx: Tx, tenantId: string, variantId: string, location: SQL, hold: Hold): Promise<Held | undefined> {
  const steps = holdSteps({ tenantId, variantId, location, quantity: hold.quantity, reservationId: uuidv7(), reference: hold.reference, expiresAt: hold.expiresAt.toISOString() });
  const [r] = await executePrepared<Record<string, unknown>>(tx, sql`with ${steps} select level.*, held.id as reservation_id from level, held`);
  return heldFrom(r);
}

/**
 * One statement: reserves `quantity` at a stock level while that many are available and records
 * the reservation. Undefined (nothing written) when the level is missing or holds too few.
 */
export function reserveAndRecord(tx: Tx, k: { tenantId: string; variantId: string; locationId: string }, hold: Hold): Promise<Held | undefined> {
  return reserveAt(tx, k.tenantId, k.variantId, sql`${k.locationId}`, hold);
}

/**
 * reserveAndRecord at the store's default location, found by the same statement. Undefined
 * (nothing written) when the store has no default location or stock row yet, or too little stock.
 * A row whose committed stock is already too little fails the condition without waiting for its
 * lock; PostgreSQL waits (then checks again) only for a row that other transactions are changing
 * and that had enough before them.
 */
export function reserveAndRecordAtDefault(tx: Tx, k: { tenantId: string; variantId: string }, hold: Hold): Promise<Held | undefined> {
  return reserveAt(tx, k.tenantId, k.variantId, defaultLocationOf(k.tenantId), hold);
}

function heldFrom(r: Record<string, unknown> | undefined): Held | undefined {
  if (!r) return undefined;
  const level: StockLevelRow = {
    id: r.id as string, tenantId: r.tenant_id as string, variantId: r.variant_id as string, locationId: r.location_id as string,
    onHand: r.on_hand as number, reserved: r.reserved as number, available: r.available as number | null,
    lowStockThreshold: r.low_stock_threshold as number | null, updatedAt: new Date(r.updated_at as string),
  };
  return { level, reservationId: r.reservation_id as string };
}

/** Why a sent hold stopped its transaction (app_refuse's reason); the detail says more. */
export const HOLD_REFUSALS = { short: 'stock_short', lowStock: 'stock_low' } as const;

const ORDER_LOCATION = defaultLocationOf(slot('tenantId'));

/**
 * reserveAndRecordAtDefault for a statement sent without waiting for its answer (checkout's
 * pipelined last step), so it cannot leave Node a decision to make: where the other one answers
 * nothing, this one stops the transaction with app_refuse. `stock_short` when the level holds too
 * few or is missing (detail: `<variant id> <available>`, the number left out when there is no
 * level row or no default location); `stock_low` when the hold takes availability down to the
 * low-stock threshold, whose alert needs Node. The reservation gets the id `reservationId`.
 */
const sentHold = statementTemplate<{ location_id: string; refused: string | null }>(
  () => sql`
    with ${holdSteps({ tenantId: slot('tenantId'), variantId: slot('variantId'), location: ORDER_LOCATION, quantity: slot('quantity'), reservationId: slot('reservationId'), reference: slot('reference'), expiresAt: slot('expiresAt') })}
    select l.location_id, case
      when l.location_id is null then app_refuse(${HOLD_REFUSALS.short}, ${slot('variantId')}::text || coalesce(' ' || (
        select (s.on_hand - s.reserved)::text from stock_levels s where s.tenant_id = ${slot('tenantId')} and s.variant_id = ${slot('variantId')} and s.location_id = ${ORDER_LOCATION}
      ), ''))
      when l.low_stock_threshold is not null and l.on_hand - l.reserved <= l.low_stock_threshold and l.on_hand - l.reserved + ${slot('quantity')} > l.low_stock_threshold
        then app_refuse(${HOLD_REFUSALS.lowStock}, ${slot('variantId')}::text)
    end as refused
    from (select 1) as one left join level l on true`,
);

export function sendHoldAtDefault(tx: Tx, k: { tenantId: string; variantId: string }, hold: Hold & { reservationId: string }): Promise<{ locationId: string }> {
  const answer = sentHold.run(tx, { ...k, reservationId: hold.reservationId, quantity: hold.quantity, reference: hold.reference, expiresAt: hold.expiresAt.toISOString() });
  return answer.then(([row]) => ({ locationId: row!.location_id }));
}
