import type { Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { BlobStorage } from '../../platform/storage/blob-storage.ts';
import type { MediaBase } from '../../platform/storage/media-url.ts';

export interface CatalogDeps {
  db: Db;
  /** Whether a variant has stock history (the inventory module's ledger), so deleting it would erase that history. None: never. */
  hasStockHistory?: (tx: Tx, tenantId: string, variantId: string) => Promise<boolean>;
  /** Product images: without it, the image routes are not served and image URLs are relative (/media/…). */
  media?: CatalogMedia;
  /** Background jobs (CSV import and export): without it, those routes are not served. */
  jobQueue?: JobQueue;
}

export interface CatalogMedia {
  storage: BlobStorage;
  /** Where image URLs point: MEDIA_PUBLIC_URL, else this server's /media. */
  urls: MediaBase;
  uploadMaxBytes: number;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('catalog needs a store context');
  return ctx.tenantId;
}

export { isUniqueViolation } from '../../platform/db/database-error.ts';

export const notFound = (what: string) => new DomainError(`CATALOG_${what.toUpperCase()}_NOT_FOUND`, `This store has no ${what} with this id.`);
