import type { Config } from '../../config.ts';
import type { BlobStorage } from './blob-storage.ts';
import { createDiskStorage } from './disk-storage.ts';
import { createS3Storage } from './s3-storage.ts';

/** The media storage the configuration asks for (STORAGE_DRIVER). */
export function createBlobStorage(config: Pick<Config, 'storage'>): BlobStorage {
  const { driver, diskPath, s3 } = config.storage;
  if (driver === 's3') {
    if (!s3) throw new Error('STORAGE_DRIVER=s3 without S3 settings');
    return createS3Storage(s3);
  }
  return createDiskStorage(diskPath);
}
