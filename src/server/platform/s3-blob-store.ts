import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { BlobNotFoundError, type BlobStore, type ByteRange } from './blob-store.js';

/** Where the blobs go in an S3-compatible object store (SPEC §16: S3_* settings). */
export interface S3Settings {
  bucket: string;
  /** Key prefix inside the bucket, so one bucket can serve several portals. */
  prefix: string;
  region: string;
  /** For S3-compatible stores (MinIO, Ceph, R2 …); addressed by path (`endpoint/bucket/key`). */
  endpoint: string | undefined;
  /** Without these the SDK's own chain decides (instance role, shared credentials file …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Parts of 8 MiB, two in flight: a multi-gigabyte upload holds about 16 MiB, whatever its size. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * Blobs as objects in an S3-compatible store. An object appears only once every byte is stored
 * (a multipart upload is completed last, and aborted on failure), so, as with the local store, a
 * reader never sees half a file. The SDK is loaded on first use, so a portal that keeps its blobs
 * on disk never pays for it.
 */
export class S3BlobStore implements BlobStore {
  private clientPromise: Promise<S3Client> | undefined;

  constructor(private readonly settings: S3Settings) {}

  async put(key: string, body: Readable): Promise<void> {
    const [client, { Upload }] = await Promise.all([this.client(), import('@aws-sdk/lib-storage')]);
    const upload = new Upload({
      client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const [client, { GetObjectCommand }] = await Promise.all([this.client(), import('@aws-sdk/client-s3')]);
    try {
      const answer = await client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const [client, { DeleteObjectCommand }] = await Promise.all([this.client(), import('@aws-sdk/client-s3')]);
    await client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  /** Closes the client's connections. */
  async close(): Promise<void> {
    if (this.clientPromise) (await this.clientPromise).destroy();
  }

  private objectKey(key: string): string {
    return this.settings.prefix ? `${this.settings.prefix.replace(/\/+$/, '')}/${key}` : key;
  }

  private client(): Promise<S3Client> {
    this.clientPromise ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          region: this.settings.region,
          ...(this.settings.endpoint ? { endpoint: this.settings.endpoint, forcePathStyle: true } : {}),
          ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
          // Checksums only where S3 requires them: S3-compatible stores do not all understand the
          // chunked, trailer-checksummed uploads the SDK otherwise sends. The SHA-256 of every
          // release file is computed by the portal anyway and checked by the products.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
    );
    return this.clientPromise;
  }
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
