import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../../app.ts';
import { as, createStore, testRoleVerifier } from '../../security/fixtures.ts';
import { filesUnder, form, noisyPng, picture, productWithVariant, temporaryFolder, type FilePart, type Format } from './image-fixtures.ts';

const MAX_BYTES = 20_000;
let t: TestApp;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let store: string;
let other: string;
let productId: string;
let variantId: string;

const upload = (product: string, fields: Record<string, string>, file?: FilePart, tenantId = store) => {
  const body = file ? form(fields, file) : form(fields);
  return t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${product}/images`, headers: { ...as('manager', tenantId), ...body.headers }, payload: body.payload });
};
const send = (method: 'GET' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>, tenantId = store) =>
  t.app.inject({ method, url: `/api/v1/admin/catalog${url}`, headers: as('manager', tenantId), ...(payload ? { payload } : {}) });
const mediaPath = (url: string) => new URL(url).pathname;
const imageRows = () => inTransaction(t.database.db, { tenantId: store }, async (tx) => (await tx.execute<{ id: string }>(sql`select id from product_images where tenant_id = ${store}`)).rows);

beforeAll(async () => {
  folder = await temporaryFolder('winkel-media-');
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { STORAGE_DISK_PATH: folder.path, UPLOAD_MAX_BYTES: String(MAX_BYTES), PUBLIC_URL: 'https://shop.example.test' } });
  store = await createStore(t.database, 'images-store');
  other = await createStore(t.database, 'images-other');
  ({ productId, variantId } = await productWithVariant(t.database, store, 'MUG-1'));
});
afterAll(async () => {
  await t.close();
  await folder.remove();
});

describe('uploading product images', () => {
  it('keeps no camera metadata (EXIF location) in the public original; one without metadata is kept byte for byte', async () => {
    const { productId: product } = await productWithVariant(t.database, store, 'EXIF-1');
    const withGps = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a5' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1' } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await upload(product, {}, { name: 'shelf.jpg', bytes: withGps, type: 'image/jpeg' });
    expect(res.statusCode, res.body).toBe(201);
    const stored = (await t.app.inject({ url: mediaPath(res.json().url) })).rawPayload;
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo'))).toBe(false);

    const plain = await picture('png', 64, 48);
    const kept = await upload(product, {}, { name: 'plain.png', bytes: plain, type: 'image/png' });
    expect((await t.app.inject({ url: mediaPath(kept.json().url) })).rawPayload.equals(plain)).toBe(true);
  });

  it.each<[Format, string]>([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
  ])('accepts a %s: 201 with its size and three WebP renditions, all fetchable through /media with the right type', async (format, mime) => {
    const { productId: product } = await productWithVariant(t.database, store, `FMT-${format}`);
    const res = await upload(product, { alt: `A ${format} mug` }, { name: `mug.${format}`, bytes: await picture(format), type: 'application/octet-stream' });
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json();
    expect(image).toMatchObject({ productId: product, variantId: null, alt: `A ${format} mug`, mime, width: 640, height: 480, position: 0, originalName: `mug.${format}` });
    expect(image.url).toMatch(new RegExp(`^https://shop\\.example\\.test/media/${store}/[0-9a-f-]{36}\\.(jpg|png|webp|gif)$`));
    expect(image.url).not.toContain('mug');
    expect(image.renditions.map((r: { name: string; width: number; height: number }) => [r.name, r.width, r.height])).toEqual([
      ['thumb', 160, 120],
      ['medium', 640, 480],
      ['large', 640, 480],
    ]);
    const original = await t.app.inject({ url: mediaPath(image.url) });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe(mime);
    expect(original.rawPayload.length).toBe(image.byteSize);
    for (const rendition of image.renditions) {
      const res = await t.app.inject({ url: mediaPath(rendition.url) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toBeTruthy();
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', rendition.width, rendition.height]);
    }
  });

  it('never enlarges and strips metadata (EXIF) from renditions, turned upright by their orientation', async () => {
    const photo = await sharp({ create: { width: 400, height: 200, channels: 3, background: 'teal' } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'Secret Studio' } } })
      .toBuffer();
    const res = await upload(productId, {}, { name: 'photo.jpg', bytes: photo });
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json();
    expect([image.width, image.height]).toEqual([200, 400]);
    const large = await t.app.inject({ url: mediaPath(image.renditions.find((r: { name: string }) => r.name === 'large').url) });
    const meta = await sharp(large.rawPayload).metadata();
    expect([meta.width, meta.height, meta.exif, meta.orientation]).toEqual([200, 400, undefined, undefined]);
  });

  it('answers a conditional request with 304, and an unknown or malformed media path with 404 problem+json', async () => {
    const image = (await upload(productId, {}, { name: 'etag.png', bytes: await picture('png') })).json();
    const first = await t.app.inject({ url: mediaPath(image.url) });
    const again = await t.app.inject({ url: mediaPath(image.url), headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const head = await t.app.inject({ method: 'HEAD', url: mediaPath(image.url) });
    expect([head.statusCode, head.headers['content-type'], Number(head.headers['content-length']), head.body]).toEqual([200, 'image/png', image.byteSize, '']);
    for (const path of [`/media/${store}/00000000-0000-4000-8000-000000000000.png`, '/media/..%2F..%2Fetc%2Fpasswd', '/media/%2e%2e/%2e%2e/etc/passwd', '/media/a/../../package.json', '/media/.hidden', `/media/${store}`]) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type'], path).toContain('application/problem+json');
    }
  });

  it('keeps alt text, variant and position; inserts at a position and renumbers the rest', async () => {
    const { productId: product, variantId: variant } = await productWithVariant(t.database, store, 'ORDER-1');
    const ids: string[] = [];
    for (const name of ['a.png', 'b.png', 'c.png']) ids.push((await upload(product, {}, { name, bytes: await picture('png', 50, 50) })).json().id);
    const front = await upload(product, { position: '0', variantId: variant, alt: 'Front' }, { name: 'front.png', bytes: await picture('png', 50, 50) });
    expect(front.json()).toMatchObject({ position: 0, variantId: variant, alt: 'Front' });
    const list = await send('GET', `/products/${product}/images?limit=2`);
    expect(list.json().data.map((i: { id: string }) => i.id)).toEqual([front.json().id, ids[0]]);
    const rest = await send('GET', `/products/${product}/images?limit=2&cursor=${list.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ data: [{ id: ids[1], position: 2 }, { id: ids[2], position: 3 }], nextCursor: null });

    const moved = await send('PATCH', `/images/${ids[2]}`, { position: 0, alt: 'Back', variantId: null });
    expect(moved.json()).toMatchObject({ position: 0, alt: 'Back', variantId: null });
    const order = [ids[0]!, front.json().id, ids[1]!, ids[2]!];
    const reordered = await send('PUT', `/products/${product}/images/order`, { ids: order });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().data.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual(order.map((id, i) => [id, i]));
    const detail = await send('GET', `/products/${product}`);
    expect(detail.json().images.map((i: { id: string }) => i.id)).toEqual(order);
    expect(detail.json().images[0].renditions).toHaveLength(3);

    const mismatch = await send('PUT', `/products/${product}/images/order`, { ids: order.slice(1) });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toMatchObject({ code: 'CATALOG_IMAGE_ORDER_MISMATCH', errors: [{ path: 'body.ids' }] });
  });

  it("refuses a variant of another product, on upload and on change (422 naming variantId), storing nothing", async () => {
    const { variantId: foreignVariant } = await productWithVariant(t.database, store, 'OTHER-PRODUCT');
    const [rowsBefore, filesBefore] = [await imageRows(), await filesUnder(folder.path)];
    const res = await upload(productId, { variantId: foreignVariant }, { name: 'v.png', bytes: await picture('png') });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CATALOG_IMAGE_VARIANT_UNKNOWN', errors: [{ path: 'body.variantId' }] });
    expect(await imageRows()).toEqual(rowsBefore);
    expect(await filesUnder(folder.path)).toEqual(filesBefore);
    const image = (await upload(productId, { variantId }, { name: 'v.png', bytes: await picture('png') })).json();
    expect(image.variantId).toBe(variantId);
    const patch = await send('PATCH', `/images/${image.id}`, { variantId: foreignVariant });
    expect(patch.statusCode).toBe(422);
    expect(patch.json()).toMatchObject({ code: 'CATALOG_IMAGE_VARIANT_UNKNOWN', errors: [{ path: 'body.variantId' }] });
  });

  it('deletes the row and then its stored files, and audits creation and deletion', async () => {
    const image = (await upload(productId, {}, { name: 'gone.png', bytes: await picture('png') })).json();
    const keys = [image.url, ...image.renditions.map((r: { url: string }) => r.url)].map((u: string) => mediaPath(u).replace('/media/', ''));
    expect(await filesUnder(folder.path)).toEqual(expect.arrayContaining(keys));
    const res = await send('DELETE', `/images/${image.id}`);
    expect(res.statusCode).toBe(204);
    const files = await filesUnder(folder.path);
    for (const key of keys) expect(files).not.toContain(key);
    expect((await t.app.inject({ url: mediaPath(image.url) })).statusCode).toBe(404);
    expect((await send('GET', `/images/${image.id}`)).statusCode).toBe(404);
    const audit = await inTransaction(t.database.db, { tenantId: store }, (tx) => tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${store} and target_id = ${image.id} order by id`));
    expect(audit.rows.map((r) => r.action)).toEqual(['image.created', 'image.deleted']);
  });
});

describe('refused uploads: 422 naming the file, nothing stored', () => {
  const refusals: Array<[string, () => Promise<FilePart>, string]> = [
    ['a text file named .jpg and declared image/jpeg', async () => ({ name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('just some text, not a picture at all') }), 'CATALOG_IMAGE_TYPE_UNSUPPORTED'],
    ['an SVG', async () => ({ name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }), 'CATALOG_IMAGE_TYPE_UNSUPPORTED'],
    ['a PDF', async () => ({ name: 'brochure.png', type: 'image/png', bytes: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF') }), 'CATALOG_IMAGE_TYPE_UNSUPPORTED'],
    ['a file larger than UPLOAD_MAX_BYTES', async () => ({ name: 'huge.png', bytes: await noisyPng(200) }), 'CATALOG_IMAGE_TOO_LARGE'],
    ['a name climbing out of its folder', async () => ({ name: '../../etc/passwd.png', bytes: await picture('png') }), 'CATALOG_IMAGE_NAME_INVALID'],
    ['a name with a folder', async () => ({ name: 'a/b.png', bytes: await picture('png') }), 'CATALOG_IMAGE_NAME_INVALID'],
    ['a name with a Windows folder', async () => ({ name: 'C:\\temp\\b.png', bytes: await picture('png') }), 'CATALOG_IMAGE_NAME_INVALID'],
    ['a truncated JPEG (valid header, body cut off)', async () => {
      const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'orange' } }).jpeg().toBuffer();
      return { name: 'cut.jpg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) };
    }, 'CATALOG_IMAGE_UNREADABLE'],
    ['a PNG header over garbage', async () => ({ name: 'fake.png', bytes: Buffer.concat([(await picture('png')).subarray(0, 16), Buffer.alloc(2000, 7)]) }), 'CATALOG_IMAGE_UNREADABLE'],
    ['an empty file', async () => ({ name: 'empty.png', bytes: Buffer.alloc(0) }), 'CATALOG_IMAGE_EMPTY'],
  ];

  it.each(refusals)('%s', async (_what, file, code) => {
    const [rowsBefore, filesBefore] = [await imageRows(), await filesUnder(folder.path)];
    const res = await upload(productId, { alt: 'x' }, await file());
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code, errors: [{ path: 'body.file' }] });
    expect(await imageRows()).toEqual(rowsBefore);
    expect(await filesUnder(folder.path)).toEqual(filesBefore);
  });

  it('refuses a form without a file, with two files, with the file in another field, or JSON instead of a form', async () => {
    const filesBefore = await filesUnder(folder.path);
    const png = await picture('png', 20, 20);
    const none = await upload(productId, { alt: 'no file' });
    expect(none.json()).toMatchObject({ status: 422, errors: [{ path: 'body.file' }] });
    const twoBody = form({}, { name: 'a.png', bytes: png }, { name: 'b.png', bytes: png });
    const two = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${productId}/images`, headers: { ...as('manager', store), ...twoBody.headers }, payload: twoBody.payload });
    expect(two.json()).toMatchObject({ status: 422, errors: [{ path: 'body.file' }] });
    const elsewhere = await upload(productId, {}, { name: 'a.png', bytes: png, field: 'picture' });
    expect(elsewhere.json()).toMatchObject({ status: 422, errors: [{ path: 'body.picture' }] });
    const json = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${productId}/images`, headers: as('manager', store), payload: { file: 'x' } });
    expect(json.json()).toMatchObject({ status: 422, errors: [{ path: 'body.file' }] });
    const badPosition = await upload(productId, { position: '-1' }, { name: 'a.png', bytes: png });
    expect(badPosition.json()).toMatchObject({ status: 422, errors: [{ path: 'body.position' }] });
    expect(await filesUnder(folder.path)).toEqual(filesBefore);
  });
});

describe('stores are kept apart', () => {
  it("answers 404 to another store's product and image, storing nothing", async () => {
    const image = (await upload(productId, {}, { name: 'mine.png', bytes: await picture('png') })).json();
    const filesBefore = await filesUnder(folder.path);
    const res = await upload(productId, {}, { name: 'theirs.png', bytes: await picture('png') }, other);
    expect(res.statusCode).toBe(404);
    expect(await filesUnder(folder.path)).toEqual(filesBefore);
    expect((await send('GET', `/products/${productId}/images`, undefined, other)).statusCode).toBe(404);
    expect((await send('PATCH', `/images/${image.id}`, { alt: 'stolen' }, other)).statusCode).toBe(404);
    expect((await send('DELETE', `/images/${image.id}`, undefined, other)).statusCode).toBe(404);
    expect((await send('GET', `/images/${image.id}`)).json().alt).toBe('');
  });

  it('needs catalog:write to upload', async () => {
    const body = form({}, { name: 'a.png', bytes: await picture('png', 20, 20) });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/admin/catalog/products/${productId}/images`, headers: { ...as('cashier', store), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(403);
  });
});
