import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedgerCheckService } from '../../src/modules/inventory/index.ts';
import { seedTasks } from '../../src/modules/seed/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createBlobStorage } from '../../src/platform/storage/blob-storage-factory.ts';
import { mediaBaseOf } from '../../src/platform/storage/media-url.ts';
import { createServer } from '../../src/server.ts';
import { captureLogger, testConfig } from '../app.ts';
import { createTestDatabase } from '../db.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('the demo catalog on first start', () => {
  it('fills the new demo store once with about fifty active products in stock, and pictures through a job', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const media = await mkdtemp(path.join(os.tmpdir(), 'winkel-demo-media-'));
    cleanups.push(() => rm(media, { recursive: true, force: true }));
    const config = testConfig({ PORT: '0', WORKER_IN_SERVER: 'false', STORAGE_DISK_PATH: media }, db.url);
    const { log } = captureLogger();

    const first = await createServer(config, log);
    let storeId: string;
    try {
      storeId = first.demoStore!.storeId;
      const counts = async (pool: pg.Pool) =>
        (
          await pool.query(
            `select (select count(*)::int from products where tenant_id = $1 and status = 'active' and published_at is not null) as products,
                    (select count(*)::int from variants where tenant_id = $1) as variants,
                    (select count(*)::int from variants v where tenant_id = $1 and exists (select 1 from stock_levels s where s.variant_id = v.id and s.on_hand > 0)) as in_stock,
                    (select count(*)::int from stock_levels where tenant_id = $1 and on_hand = 0) as sold_out,
                    (select count(*)::int from products where tenant_id = $1 and featured) as featured,
                    (select count(distinct brand_id)::int from products where tenant_id = $1) as brands,
                    (select count(*)::int from categories where tenant_id = $1 and parent_id is null) as departments,
                    (select count(*)::int from variants where tenant_id = $1 and compare_at_amount > price_amount) as on_sale`,
            [storeId],
          )
        ).rows[0];
      const made = await counts(first.runtime.database.pool);
      const pool = first.runtime.database.pool;
      expect(made.products).toBeGreaterThanOrEqual(45);
      expect(made.products).toBeLessThanOrEqual(60);
      expect(made.variants).toBeGreaterThan(made.products);
      expect(made.in_stock).toBeGreaterThan(made.variants * 0.8);
      expect(made.sold_out).toBeGreaterThan(0);
      expect(made.featured).toBeGreaterThan(0);
      expect(made.on_sale).toBeGreaterThan(0);
      expect(made.brands).toBeGreaterThanOrEqual(5);
      expect(made.departments).toBeGreaterThanOrEqual(4);
      expect(await createLedgerCheckService({ db: first.runtime.database.db }).differences(systemCtx(log, 'test', storeId))).toEqual([]);
      const { rows: jobs } = await pool.query(`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'seed.demo-images'`);
      expect(jobs).toEqual([{ payload: { tenantId: storeId } }]);

      // The queued job, run here as the worker would: one picture per product, and nothing more when run again.
      const [task] = seedTasks({ db: first.runtime.database.db, media: { storage: createBlobStorage(config), urls: mediaBaseOf(config), uploadMaxBytes: config.media.uploadMaxBytes } });
      const job = { id: '1', attempt: 1, maxAttempts: 1, signal: new AbortController().signal };
      await task!.run(systemCtx(log, 'test', storeId), { tenantId: storeId }, job);
      await task!.run(systemCtx(log, 'test', storeId), { tenantId: storeId }, job);
      const { rows: images } = await pool.query(`select product_id, count(*)::int as n, min(mime) as mime from product_images where tenant_id = $1 group by product_id`, [storeId]);
      expect(images).toHaveLength(made.products);
      expect(images.every((r) => r.n === 1 && r.mime === 'image/png')).toBe(true);
      expect((await readdir(media, { recursive: true })).filter((f) => f.endsWith('.webp')).length).toBe(made.products * 3);

      await first.shutdown('test');
      const second = await createServer(config, log);
      try {
        expect(second.demoStore).toBeNull();
        expect(await counts(second.runtime.database.pool)).toEqual(made);
        const { rows: stores } = await second.runtime.database.pool.query('select count(*)::int as n from stores');
        expect(stores[0].n).toBe(1);
      } finally {
        await second.shutdown('test');
      }
    } finally {
      await first.shutdown('test');
    }
  }, 120_000);
});
