import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { platformSettings } from '../db/platform.tables.ts';

const KEY = 'maintenance';

export interface StoredMaintenance {
  enabled: boolean;
  since: string | null;
  message: string | null;
}

export async function readMaintenance(db: Db): Promise<StoredMaintenance> {
  const rows = await db.select({ value: platformSettings.value }).from(platformSettings).where(eq(platformSettings.key, KEY));
  const value = rows[0]?.value as Partial<StoredMaintenance> | undefined;
  return { enabled: value?.enabled === true, since: value?.since ?? null, message: value?.message ?? null };
}

export async function writeMaintenance(db: Db, value: StoredMaintenance): Promise<void> {
  await db
    .insert(platformSettings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: platformSettings.key, set: { value, updatedAt: sql`now()` } });
}
