import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageService } from '../../../src/modules/catalog/index.ts';
import { systemCtx } from '../../../src/platform/context.ts';
import { inTransaction } from '../../../src/platform/db/transaction.ts';
import type { BlobStorage } from '../../../src/platform/storage/blob-storage.ts';
import { createDiskStorage } from '../../../src/platform/storage/disk-storage.ts';
import { buildTestApp, type TestApp } from '../../app.ts';
import { createStore } from '../../security/fixtures.ts';
import { filesUnder, picture, productWithVariant, temporaryFolder } from './image-fixtures.ts';

let t: TestApp;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let store: string;

beforeAll(async () => {
  folder = await temporaryFolder('winkel-media-cleanup-');
  t = await buildTestApp({ env: { STORAGE_DISK_PATH: folder.path } });
  store = await createStore(t.database, 'images-cleanup');
});
afterAll(async () => {
  await t.close();
  await folder.remove();
});

/** The image service over disk storage with a hook that runs after each stored object. */
function serviceWith(afterPut: (key: string) => Promise<void>) {
  const disk = createDiskStorage(folder.path);
  const storage: BlobStorage = {
    ...disk,
    async put(key, bytes, type) {
      await disk.put(key, bytes, type);
      await afterPut(key);
    },
  };
  return createImageService({ db: t.database.db, media: { storage, urls: { publicUrl: 'https://shop.example.test' }, uploadMaxBytes: 1_000_000 } });
}
const ctx = () => systemCtx(t.log, 'test', store);
const rowsOf = (productId: string) =>
  inTransaction(t.database.db, { tenantId: store }, async (tx) => (await tx.execute(sql`select id from product_images where tenant_id = ${store} and product_id = ${productId}`)).rows);

describe('nothing stays stored when an upload fails half-way', () => {
  it('adds an image from a Buffer (the way other code attaches images) and stores four objects', async () => {
    const { productId } = await productWithVariant(t.database, store, 'BUF-1');
    const image = await serviceWith(async () => undefined).addFromBuffer(ctx(), productId, await picture('jpeg'), { originalName: 'demo.jpg', alt: 'Demo' });
    expect(image).toMatchObject({ productId, alt: 'Demo', mime: 'image/jpeg', originalName: 'demo.jpg' });
    expect((await filesUnder(folder.path)).filter((f) => f.includes(image.url.split('/').pop()!.replace('.jpg', '')))).toHaveLength(4);
  });

  it('deletes the objects already stored when storing a later one fails', async () => {
    const { productId } = await productWithVariant(t.database, store, 'FAIL-PUT');
    const before = await filesUnder(folder.path);
    const service = serviceWith(async (key) => {
      if (key.endsWith('-medium.webp')) throw new Error('disk full');
    });
    await expect(service.addFromBuffer(ctx(), productId, await picture('png'), { originalName: 'a.png' })).rejects.toThrow('disk full');
    expect(await filesUnder(folder.path)).toEqual(before);
    expect(await rowsOf(productId)).toEqual([]);
  });

  it('deletes every stored object when the row cannot be written (the variant went away meanwhile)', async () => {
    const { productId, variantId } = await productWithVariant(t.database, store, 'FAIL-ROW');
    const before = await filesUnder(folder.path);
    const service = serviceWith(async (key) => {
      if (key.endsWith('-large.webp')) await inTransaction(t.database.db, { tenantId: store }, (tx) => tx.execute(sql`delete from variants where tenant_id = ${store} and id = ${variantId}`));
    });
    await expect(service.addFromBuffer(ctx(), productId, await picture('png'), { originalName: 'a.png', variantId })).rejects.toMatchObject({ code: 'CATALOG_IMAGE_VARIANT_UNKNOWN' });
    expect(await filesUnder(folder.path)).toEqual(before);
    expect(await rowsOf(productId)).toEqual([]);
  });

  it('refuses a 51st image of a product, also when uploads race for the last place', async () => {
    const { productId } = await productWithVariant(t.database, store, 'LIMIT-1');
    const service = serviceWith(async () => undefined);
    const tiny = await picture('png', 8, 8);
    // 49 images as rows: the limit counts rows, and uploading each would only make the test slow.
    await inTransaction(t.database.db, { tenantId: store }, (tx) =>
      tx.execute(sql`insert into product_images (id, tenant_id, product_id, storage_key, original_name, mime, width, height, position)
        select gen_random_uuid(), ${store}, ${productId}, ${store} || '/filler-' || n || '.png', 'filler.png', 'image/png', 8, 8, n - 1 from generate_series(1, 49) as n`),
    );
    const before = await filesUnder(folder.path);
    const results = await Promise.allSettled([1, 2, 3].map((i) => service.addFromBuffer(ctx(), productId, tiny, { originalName: `race-${i}.png` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CATALOG_IMAGE_LIMIT', 'CATALOG_IMAGE_LIMIT']);
    expect(await rowsOf(productId)).toHaveLength(50);
    expect((await filesUnder(folder.path)).length).toBe(before.length + 4);
  });
});
