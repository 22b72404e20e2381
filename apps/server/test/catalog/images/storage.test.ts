import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskedConfig } from '../../../src/config.ts';
import { isStorageKey } from '../../../src/platform/storage/blob-storage.ts';
import { createDiskStorage } from '../../../src/platform/storage/disk-storage.ts';
import { isSecretKey } from '../../../src/platform/logging/redact.ts';
import { mediaUrl } from '../../../src/platform/storage/media-url.ts';
import { filesUnder, temporaryFolder } from './image-fixtures.ts';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
beforeAll(async () => {
  folder = await temporaryFolder('winkel-disk-');
});
afterAll(() => folder.remove());

describe('storage keys', () => {
  it('allow the keys the application makes and nothing that can leave the folder', () => {
    for (const key of ['0199-ab/0199-cd.jpg', 'a/b-thumb.webp', 'file.png']) expect(isStorageKey(key), key).toBe(true);
    for (const key of ['', '../x', 'a/../b', 'a/..', '/abs', 'a//b', 'a/', 'a\\b', '.hidden', 'a/.b', 'a\u0000b', 'a b', 'a/b/c/d/e', `${'x'.repeat(301)}`, '%2e%2e/x']) {
      expect(isStorageKey(key), JSON.stringify(key)).toBe(false);
    }
  });
});

describe('disk storage', () => {
  it('puts, heads, gets and deletes objects under its folder, with the type from the extension', async () => {
    const disk = createDiskStorage(folder.path);
    await disk.put('store/one.png', Buffer.from('png bytes'), 'image/png');
    expect(await readFile(path.join(folder.path, 'store', 'one.png'), 'utf8')).toBe('png bytes');
    expect(await disk.head('store/one.png')).toMatchObject({ contentType: 'image/png', byteSize: 9 });
    const got = await disk.get('store/one.png');
    const chunks: Buffer[] = [];
    for await (const chunk of got!.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('png bytes');
    await disk.delete('store/one.png');
    await disk.delete('store/one.png');
    expect(await disk.get('store/one.png')).toBeNull();
    expect(await disk.head('store')).toBeNull();
    expect(await filesUnder(folder.path)).toEqual([]);
  });

  it('refuses keys that would leave its folder, and never reads outside it', async () => {
    await writeFile(path.join(path.dirname(folder.path), 'outside.png'), 'secret');
    const disk = createDiskStorage(folder.path);
    for (const key of ['../outside.png', '/etc/passwd', 'a/../../outside.png']) {
      await expect(disk.get(key)).rejects.toThrow();
      await expect(disk.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow();
      await expect(disk.delete(key)).rejects.toThrow();
    }
    expect(await readFile(path.join(path.dirname(folder.path), 'outside.png'), 'utf8')).toBe('secret');
  });
});

describe('media configuration', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: '/srv/winkel/data' };

  it('defaults to a media folder in the data directory, 10 MiB uploads, and URLs on this server', () => {
    const config = loadConfig({ ...base, PUBLIC_URL: 'https://shop.example.com' });
    expect(config.storage).toEqual({ driver: 'disk', diskPath: '/srv/winkel/data/media', s3: undefined });
    expect(config.media).toEqual({ publicUrl: undefined, uploadMaxBytes: 10_485_760 });
    expect(mediaUrl({ publicUrl: config.publicUrl }, 's/a.png')).toBe('https://shop.example.com/media/s/a.png');
    expect(mediaUrl({ publicUrl: config.publicUrl, mediaPublicUrl: 'https://cdn.example.com/m' }, 's/a.png')).toBe('https://cdn.example.com/m/s/a.png');
  });

  it('needs the bucket and region for S3, and the access key as a pair', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (err) {
        return (err as ConfigError).problems.map((p) => p.variable);
      }
    };
    expect(problems({ STORAGE_DRIVER: 's3' })).toEqual(['S3_BUCKET', 'S3_REGION']);
    expect(problems({ STORAGE_DRIVER: 's3', S3_BUCKET: 'media', S3_REGION: 'eu-central-1', S3_ACCESS_KEY_ID: 'AKIA' })).toEqual(['S3_SECRET_ACCESS_KEY']);
    expect(problems({ STORAGE_DRIVER: 'ftp' })).toEqual(['STORAGE_DRIVER']);
    expect(problems({ S3_ENDPOINT: 'minio:9000' })).toEqual(['S3_ENDPOINT']);
    expect(problems({ UPLOAD_MAX_BYTES: '10' })).toEqual(['UPLOAD_MAX_BYTES']);
    expect(problems({ STORAGE_DRIVER: 's3', S3_BUCKET: 'media', S3_REGION: 'eu-central-1' })).toEqual([]);
  });

  it('masks the S3 secret when the configuration is printed', () => {
    const config = loadConfig({ ...base, STORAGE_DRIVER: 's3', S3_BUCKET: 'media', S3_REGION: 'us-east-1', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'minio', S3_SECRET_ACCESS_KEY: 'very-secret-value', S3_FORCE_PATH_STYLE: 'true' });
    expect(config.storage.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9000', bucket: 'media', forcePathStyle: true, secretAccessKey: 'very-secret-value' });
    expect(JSON.stringify(maskedConfig(config))).not.toContain('very-secret-value');
    expect([isSecretKey('S3_SECRET_ACCESS_KEY'), isSecretKey('secretAccessKey')]).toEqual([true, true]);
  });
});
