import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertStorageKey, type BlobInfo, type BlobStorage, type StoredBlob } from './blob-storage.ts';

/** The disk keeps no metadata beside the bytes, so the type is read from the key's extension (keys are chosen by the application). */
const TYPE_OF_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT' || (err as { code?: string }).code === 'ENOTDIR';

/** Objects as files under `root`, one folder level per key segment. */
export function createDiskStorage(root: string): BlobStorage {
  const base = path.resolve(root);
  const fileOf = (key: string): string => {
    assertStorageKey(key);
    const file = path.resolve(base, ...key.split('/'));
    if (!file.startsWith(base + path.sep)) throw new Error('storage key escapes the media folder');
    return file;
  };
  const infoOf = (key: string, size: number, mtimeMs: number): BlobInfo => ({
    contentType: TYPE_OF_EXTENSION[path.extname(key).toLowerCase()] ?? 'application/octet-stream',
    byteSize: size,
    etag: `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
  });

  return {
    driver: 'disk',
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file; the dot keeps the temporary name out of reach of any key.
      const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, file);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
    },
    async head(key) {
      try {
        const s = await stat(fileOf(key));
        return s.isFile() ? infoOf(key, s.size, s.mtimeMs) : null;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async get(key): Promise<StoredBlob | null> {
      // Opened first and measured through the open handle, so a delete in between cannot leave a reply half-sent.
      let handle;
      try {
        handle = await open(fileOf(key), 'r');
      } catch (err) {
        if (isMissing(err) || (err as { code?: string }).code === 'EISDIR') return null;
        throw err;
      }
      const s = await handle.stat();
      if (!s.isFile()) {
        await handle.close();
        return null;
      }
      return { ...infoOf(key, s.size, s.mtimeMs), body: handle.createReadStream() };
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
