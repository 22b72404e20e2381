import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { notFound, storeOf, type CatalogDeps, type CatalogMedia } from './catalog.deps.ts';
import type { ImageRendition } from './catalog.tables.ts';
import { fileNameProblem, safeOriginalName } from './image-name.ts';
import { decodeImage, MAX_INPUT_PIXELS } from './image-renditions.ts';
import { detectImageType } from './image-type.ts';
import { imageAuditRecord, imageView, type ImageView } from './image-view.ts';
import * as repo from './image.repository.ts';
import { lockProduct, findProduct } from './product.repository.ts';
import { findVariantOf } from './variant.repository.ts';

/** Each product shows at most this many images; the product view lists them all. */
export const MAX_IMAGES_PER_PRODUCT = 50;

export interface ImageInput {
  /** The uploaded file's name: kept, sanitised, as metadata only. */
  originalName: string;
  alt?: string | undefined;
  variantId?: string | null | undefined;
  /** Where it goes among the product's images, 0 first; default: last. */
  position?: number | undefined;
}
export type ImagePatch = Omit<ImageInput, 'originalName'>;

const fileError = (code: string, message: string, detail: string) => new DomainError(code, detail, [{ path: 'body.file', message }]);

const decodeFailure = {
  unreadable: () => fileError('CATALOG_IMAGE_UNREADABLE', 'is damaged or incomplete', 'The image could not be read: the file is damaged or incomplete.'),
  not_what_it_claims: () => fileError('CATALOG_IMAGE_UNREADABLE', 'is damaged or incomplete', 'The image could not be read: its content does not match its header.'),
  too_many_pixels: () => fileError('CATALOG_IMAGE_TOO_LARGE', `must have at most ${MAX_INPUT_PIXELS} pixels`, `The image has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`),
};

async function checkVariant(tx: Tx, tenantId: string, productId: string, variantId: string | null | undefined): Promise<void> {
  if (variantId && !(await findVariantOf(tx, tenantId, productId, variantId))) {
    throw new DomainError('CATALOG_IMAGE_VARIANT_UNKNOWN', 'The variant is not one of this product.', [{ path: 'body.variantId', message: 'is not a variant of this product' }]);
  }
}

/** `ids` with `id` moved to `position` (clamped to the end). */
function placed(ids: string[], id: string, position: number | undefined): string[] {
  const rest = ids.filter((i) => i !== id);
  const at = Math.min(position ?? rest.length, rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** Product images: checked by content, stored under random keys with their renditions, ordered per product. */
export function createImageService({ db, media }: CatalogDeps & { media: CatalogMedia }) {
  const { storage, urls, uploadMaxBytes } = media;
  const view = (row: repo.ImageRow) => imageView(row, urls);

  async function lockedProduct(tx: Tx, tenantId: string, productId: string): Promise<void> {
    if (!(await lockProduct(tx, tenantId, productId))) throw notFound('product');
  }

  /** The image and its product, locked, so that order changes of one product are serialised. */
  async function lockedImage(tx: Tx, tenantId: string, id: string): Promise<repo.ImageRow> {
    const found = await repo.findImage(tx, tenantId, id);
    if (!found) throw notFound('image');
    await lockedProduct(tx, tenantId, found.productId);
    const row = await repo.findImage(tx, tenantId, id);
    if (!row) throw notFound('image');
    return row;
  }

  async function removeBlobs(ctx: Ctx, keys: string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => storage.delete(key)));
    const failed = keys.filter((_, i) => results[i]!.status === 'rejected');
    if (failed.length > 0) ctx.log.warn({ keys: failed, err: results.find((r) => r.status === 'rejected')?.reason }, 'could not delete stored image objects; they are orphans now');
  }

  return {
    /** 404 for another store's or an unknown product: lets the upload route refuse before reading the file. */
    async assertProduct(ctx: Ctx, productId: string): Promise<void> {
      const tenantId = storeOf(ctx);
      if (!(await inTransaction(db, { tenantId }, (tx) => findProduct(tx, tenantId, productId)))) throw notFound('product');
    },

    async get(ctx: Ctx, id: string): Promise<ImageView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findImage(tx, tenantId, id));
      if (!row) throw notFound('image');
      return view(row);
    },

    async list(ctx: Ctx, productId: string, page: PageQuery): Promise<Page<ImageView>> {
      const tenantId = storeOf(ctx);
      const rows = await inTransaction(db, { tenantId }, async (tx) => {
        if (!(await findProduct(tx, tenantId, productId))) throw notFound('product');
        return repo.listImages(tx, tenantId, productId, page);
      });
      return pageOf(rows, page.limit, view);
    },

    /**
     * Adds an image from its bytes (an upload, or any code with a Buffer). The
     * content decides: JPEG, PNG, WebP or GIF by magic bytes, then decoded whole.
     * The original and its renditions are stored under fresh random keys before
     * the row is written; if anything fails, every stored object is deleted again.
     */
    async addFromBuffer(ctx: Ctx, productId: string, bytes: Buffer, input: ImageInput, origin: AuditOrigin = {}): Promise<ImageView> {
      const tenantId = storeOf(ctx);
      const nameProblem = fileNameProblem(input.originalName);
      if (nameProblem) throw fileError('CATALOG_IMAGE_NAME_INVALID', `has a name that ${nameProblem}`, `The file name ${nameProblem}.`);
      if (bytes.length === 0) throw fileError('CATALOG_IMAGE_EMPTY', 'is empty', 'The file is empty.');
      if (bytes.length > uploadMaxBytes) throw fileError('CATALOG_IMAGE_TOO_LARGE', `must be at most ${uploadMaxBytes} bytes`, `The file is larger than the ${uploadMaxBytes} bytes this server accepts.`);
      const type = detectImageType(bytes);
      if (!type) throw fileError('CATALOG_IMAGE_TYPE_UNSUPPORTED', 'must be a JPEG, PNG, WebP or GIF image', 'The file is not a JPEG, PNG, WebP or GIF image (judged by its content, not its name or declared type).');

      // Checked before anything is stored, and again under lock when the row is written.
      const precheck = async (tx: Tx) => {
        if (!(await findProduct(tx, tenantId, productId))) throw notFound('product');
        await checkVariant(tx, tenantId, productId, input.variantId);
        if ((await repo.countImages(tx, tenantId, productId)) >= MAX_IMAGES_PER_PRODUCT) {
          throw new DomainError('CATALOG_IMAGE_LIMIT', `A product has at most ${MAX_IMAGES_PER_PRODUCT} images; delete one first.`, [{ path: 'body.file', message: `the product already has ${MAX_IMAGES_PER_PRODUCT} images` }]);
        }
      };
      await inTransaction(db, { tenantId }, precheck);
      const decoded = await decodeImage(bytes, type);
      if (!decoded.ok) throw decodeFailure[decoded.reason]();

      const keyBase = `${tenantId}/${randomUUID()}`;
      const original = { key: `${keyBase}.${type.extension}`, bytes: decoded.original, mime: type.mime };
      const copies = decoded.renditions.map((r) => ({ ...r, key: `${keyBase}-${r.name}.webp` }));
      const written: string[] = [];
      try {
        for (const blob of [original, ...copies]) {
          written.push(blob.key);
          await storage.put(blob.key, blob.bytes, blob.mime);
        }
        return await inTransaction(db, { tenantId }, async (tx) => {
          await lockedProduct(tx, tenantId, productId);
          await precheck(tx);
          const renditions: ImageRendition[] = copies.map((c) => ({ name: c.name, width: c.width, height: c.height, mime: c.mime, storageKey: c.key, byteSize: c.bytes.length }));
          const id = uuidv7();
          const order = placed((await repo.imagesOf(tx, tenantId, productId)).map((r) => r.id), id, input.position);
          await repo.insertImage(tx, tenantId, {
            id,
            productId,
            variantId: input.variantId ?? null,
            storageKey: original.key,
            originalName: safeOriginalName(input.originalName),
            mime: type.mime,
            width: decoded.width,
            height: decoded.height,
            alt: input.alt ?? '',
            position: order.indexOf(id),
            byteSize: decoded.original.length,
            renditions,
          });
          await repo.setPositions(tx, tenantId, order);
          const row = (await repo.findImage(tx, tenantId, id))!;
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'image.created', targetType: 'product_image', targetId: id, changes: { after: imageAuditRecord(row) } });
          return view(row);
        });
      } catch (err) {
        await removeBlobs(ctx, written);
        throw err;
      }
    },

    /** Alt text, the variant shown (of the same product) and the position among the product's images. */
    async update(ctx: Ctx, id: string, patch: ImagePatch, origin: AuditOrigin = {}): Promise<ImageView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await lockedImage(tx, tenantId, id);
        await checkVariant(tx, tenantId, before.productId, patch.variantId);
        await repo.updateImage(tx, tenantId, id, { ...(patch.alt !== undefined ? { alt: patch.alt } : {}), ...(patch.variantId !== undefined ? { variantId: patch.variantId } : {}) });
        if (patch.position !== undefined) await repo.setPositions(tx, tenantId, placed((await repo.imagesOf(tx, tenantId, before.productId)).map((r) => r.id), id, patch.position));
        const row = (await repo.findImage(tx, tenantId, id))!;
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'image.updated', targetType: 'product_image', targetId: id, changes: { before: imageAuditRecord(before), after: imageAuditRecord(row) } });
        return view(row);
      });
    },

    /** The product's images in the order given, which must name each of them once. */
    async reorder(ctx: Ctx, productId: string, ids: string[], origin: AuditOrigin = {}): Promise<ImageView[]> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        await lockedProduct(tx, tenantId, productId);
        const before = (await repo.imagesOf(tx, tenantId, productId)).map((r) => r.id);
        if (ids.length !== before.length || new Set(ids).size !== ids.length || !ids.every((id) => before.includes(id))) {
          throw new DomainError('CATALOG_IMAGE_ORDER_MISMATCH', 'List every image of the product exactly once.', [{ path: 'body.ids', message: `must list each of the product's ${before.length} images once` }]);
        }
        await repo.setPositions(tx, tenantId, ids);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'image.reordered', targetType: 'product', targetId: productId, changes: { before: { imageIds: before }, after: { imageIds: ids } } });
        return (await repo.imagesOf(tx, tenantId, productId)).map(view);
      });
    },

    /** The row goes first (in its transaction); the stored objects after it has committed. */
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      const removed = await inTransaction(db, { tenantId }, async (tx) => {
        const row = await lockedImage(tx, tenantId, id);
        await repo.deleteImage(tx, tenantId, id);
        await repo.setPositions(tx, tenantId, (await repo.imagesOf(tx, tenantId, row.productId)).map((r) => r.id));
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'image.deleted', targetType: 'product_image', targetId: id, changes: { before: imageAuditRecord(row) } });
        return row;
      });
      await removeBlobs(ctx, [removed.storageKey, ...removed.renditions.map((r) => r.storageKey)]);
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;
