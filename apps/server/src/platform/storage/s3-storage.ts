import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { S3Settings } from '../../config.ts';
import { assertStorageKey, type BlobInfo, type BlobStorage } from './blob-storage.ts';

type S3Error = { name?: string; $metadata?: { httpStatusCode?: number } };
const isNotFound = (err: unknown) => {
  const e = err as S3Error | null;
  return !!e && typeof e === 'object' && (e.$metadata?.httpStatusCode === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound');
};

/** The SDK is loaded on first use: it costs about 20 MiB in every process, and most installations store media on disk. */
let sdk: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
const loadSdk = () => (sdk ??= import('@aws-sdk/client-s3'));

function infoOf(out: { ContentType?: string | undefined; ContentLength?: number | undefined; ETag?: string | undefined }, key: string): BlobInfo {
  return { contentType: out.ContentType ?? 'application/octet-stream', byteSize: out.ContentLength ?? 0, etag: out.ETag ?? `"${key}"` };
}

/** Objects in one bucket of AWS S3 or of an S3-compatible server (MinIO, Ceph, R2, …). */
export function createS3Storage(settings: S3Settings): BlobStorage {
  let client: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  const connect = () => (client ??= loadSdk().then((loaded) => ({ sdk: loaded, s3: new loaded.S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.accessKeyId && settings.secretAccessKey ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } } : {}),
    // The SDK's default extra checksums (CRC32 headers and trailers) are refused by some S3-compatible servers; send them only where an operation requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }) })));
  const Bucket = settings.bucket;

  return {
    driver: 's3',
    async put(key, bytes, contentType) {
      assertStorageKey(key);
      const { s3, sdk } = await connect();
      await s3.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
    },
    async head(key) {
      assertStorageKey(key);
      try {
        const { s3, sdk } = await connect();
        return infoOf(await s3.send(new sdk.HeadObjectCommand({ Bucket, Key: key })), key);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async get(key) {
      assertStorageKey(key);
      try {
        const { s3, sdk } = await connect();
        const out = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        return { ...infoOf(out, key), body: out.Body as Readable };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      assertStorageKey(key);
      const { s3, sdk } = await connect();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
