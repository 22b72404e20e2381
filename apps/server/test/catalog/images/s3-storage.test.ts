import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.ts';
import { as, createStore, testRoleVerifier } from '../../security/fixtures.ts';
import { form, picture, productWithVariant } from './image-fixtures.ts';
import { startS3, type S3TestServer } from './s3-test-server.ts';

let s3: S3TestServer;
let t: TestApp;
let store: string;

beforeAll(async () => {
  s3 = await startS3();
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { ...s3.env, MEDIA_PUBLIC_URL: 'https://cdn.example.test/media/' } });
  store = await createStore(t.database, 'images-s3');
});
afterAll(async () => {
  await t?.close();
  await s3?.stop();
});

describe('images in an S3-compatible bucket', () => {
  it('stores the original and its renditions as objects, serves them through /media, and deletes them with the image', async () => {
    const { productId } = await productWithVariant(t.database, store, 'S3-1');
    const body = form({ alt: 'In the cloud' }, { name: 'cloud.webp', bytes: await picture('webp', 1600, 900) });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${productId}/images`, headers: { ...as('manager', store), ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json();
    expect(image.url).toMatch(new RegExp(`^https://cdn\\.example\\.test/media/${store}/[0-9a-f-]{36}\\.webp$`));
    expect(image.renditions.map((r: { name: string; width: number }) => [r.name, r.width])).toEqual([
      ['thumb', 160],
      ['medium', 640],
      ['large', 1280],
    ]);
    const keys = [image.url, ...image.renditions.map((r: { url: string }) => r.url)].map((u: string) => new URL(u).pathname.replace('/media/', ''));
    expect(await s3.keys()).toEqual([...keys].sort());

    for (const [i, key] of keys.entries()) {
      const got = await t.app.inject({ url: `/media/${key}` });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/webp');
      expect(got.headers.etag).toBeTruthy();
      if (i === 0) expect(got.rawPayload.length).toBe(image.byteSize);
      expect((await sharp(got.rawPayload).metadata()).format).toBe('webp');
    }
    expect((await t.app.inject({ url: `/media/${store}/00000000-0000-4000-8000-000000000000.webp` })).statusCode).toBe(404);

    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/catalog/images/${image.id}`, headers: as('manager', store) });
    expect(deleted.statusCode).toBe(204);
    expect(await s3.keys()).toEqual([]);
    expect((await t.app.inject({ url: `/media/${keys[0]}` })).statusCode).toBe(404);
  });

  it('stores nothing in the bucket for a refused upload', async () => {
    const { productId } = await productWithVariant(t.database, store, 'S3-2');
    const body = form({}, { name: 'notes.png', type: 'image/png', bytes: Buffer.from('not an image') });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${productId}/images`, headers: { ...as('manager', store), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(422);
    expect(await s3.keys()).toEqual([]);
  });
});
