import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { products, variants } from '../../../src/modules/catalog/catalog.tables.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { inTransaction } from '../../../src/platform/db/transaction.ts';

export type Format = 'jpeg' | 'png' | 'webp' | 'gif';

/** A small picture in the format, made by sharp: a coloured rectangle. */
export function picture(format: Format, width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

/** Random pixels compress badly: a PNG far bigger than its dimensions suggest. */
export function noisyPng(side: number): Promise<Buffer> {
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
}

export interface FilePart {
  name: string;
  bytes: Buffer;
  /** The Content-Type the client claims; never believed. */
  type?: string;
  field?: string;
}

/** A multipart/form-data request body with text fields and files, as a browser sends it. */
export function form(fields: Record<string, string>, ...files: FilePart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----winkel-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A product with one variant, as rows. */
export async function productWithVariant(database: Database, tenantId: string, sku: string): Promise<{ productId: string; variantId: string }> {
  const productId = uuidv7();
  const variantId = uuidv7();
  await inTransaction(database.db, { tenantId }, async (tx) => {
    await tx.insert(products).values({ id: productId, tenantId, name: `Product ${sku}`, slug: sku.toLowerCase() });
    await tx.insert(variants).values({ id: variantId, tenantId, productId, sku, priceAmount: 1999, currency: 'EUR' });
  });
  return { productId, variantId };
}

export async function temporaryFolder(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** Every file under the folder, relative paths, sorted. */
export async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort();
}
