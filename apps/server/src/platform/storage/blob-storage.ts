import type { Readable } from 'node:stream';

/** What storage knows about a stored object. */
export interface BlobInfo {
  contentType: string;
  byteSize: number;
  /** A quoted entity tag, as sent in the ETag header. */
  etag: string;
}

export interface StoredBlob extends BlobInfo {
  body: Readable;
}

/**
 * Where uploaded media lives: a folder on disk or an S3-compatible bucket.
 * Keys are chosen by the application (see isStorageKey); storage never
 * derives them from user input.
 */
export interface BlobStorage {
  readonly driver: 'disk' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<StoredBlob | null>;
  head(key: string): Promise<BlobInfo | null>;
  /** Deleting an object that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** 1–4 slash-separated segments of letters, digits, `_`, `-` and `.`, none starting with a dot and no `..`: nothing that can climb out of a folder. */
export function isStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 300 || key.includes('..')) return false;
  const segments = key.split('/');
  return segments.length <= 4 && segments.every((s) => SEGMENT.test(s));
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 100))}`);
}
