import { mediaUrl, type MediaBase } from '../../platform/storage/media-url.ts';
import type { ImageRow } from './image.repository.ts';

export interface RenditionView {
  name: string;
  width: number;
  height: number;
  mime: string;
  byteSize: number;
  url: string;
}

export interface ImageView {
  id: string;
  productId: string;
  variantId: string | null;
  url: string;
  alt: string;
  position: number;
  width: number;
  height: number;
  mime: string;
  byteSize: number;
  originalName: string;
  renditions: RenditionView[];
  createdAt: string;
}

export const imageView = (row: ImageRow, base: MediaBase): ImageView => ({
  id: row.id,
  productId: row.productId,
  variantId: row.variantId,
  url: mediaUrl(base, row.storageKey),
  alt: row.alt,
  position: row.position,
  width: row.width,
  height: row.height,
  mime: row.mime,
  byteSize: row.byteSize,
  originalName: row.originalName,
  renditions: row.renditions.map((r) => ({ name: r.name, width: r.width, height: r.height, mime: r.mime, byteSize: r.byteSize, url: mediaUrl(base, r.storageKey) })),
  createdAt: row.createdAt.toISOString(),
});

/** What the audit log keeps of an image: its facts, not URLs that depend on configuration. */
export const imageAuditRecord = (row: ImageRow) => ({
  id: row.id,
  productId: row.productId,
  variantId: row.variantId,
  storageKey: row.storageKey,
  originalName: row.originalName,
  mime: row.mime,
  width: row.width,
  height: row.height,
  byteSize: row.byteSize,
  alt: row.alt,
  position: row.position,
});
