import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { locations } from './inventory.tables.ts';

export type LocationRow = typeof locations.$inferSelect;

export const DEFAULT_LOCATION_NAME = 'Main warehouse';

export async function findDefaultLocation(tx: Tx, tenantId: string): Promise<LocationRow | undefined> {
  const [row] = await tx.select().from(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.isDefault, true)));
  return row;
}

/** Creates the store's default location unless it has one; safe under concurrency (the partial unique index decides). */
export async function insertDefaultLocation(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`
    insert into locations (id, tenant_id, name, kind, is_default)
    values (${uuidv7()}, ${tenantId}, ${DEFAULT_LOCATION_NAME}, 'warehouse', true)
    on conflict do nothing`);
}

export async function findLocation(tx: Tx, tenantId: string, id: string): Promise<LocationRow | undefined> {
  const [row] = await tx.select().from(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)));
  return row;
}

/** Undefined when the store already has a location of that name. */
export async function insertLocation(tx: Tx, row: Omit<typeof locations.$inferInsert, 'id'>): Promise<LocationRow | undefined> {
  const [inserted] = await tx.insert(locations).values({ ...row, id: uuidv7() }).onConflictDoNothing().returning();
  return inserted;
}

/** The store's locations, oldest first (the default one is usually first). */
export async function listLocations(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<LocationRow[]> {
  return tx
    .select()
    .from(locations)
    .where(and(eq(locations.tenantId, tenantId), page.cursor ? gt(locations.id, page.cursor) : undefined))
    .orderBy(asc(locations.id))
    .limit(page.limit + 1);
}
