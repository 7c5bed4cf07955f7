import { join } from 'node:path';
import type { Config } from '../config.js';
import { LocalBlobStore, type BlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

/** The blob store the configuration asks for: an S3 bucket when `S3_BUCKET` is set, else `DATA_DIR/blobs`. */
export function createBlobStore(config: Pick<Config, 'dataDir' | 's3'>): BlobStore {
  if (config.s3) return new S3BlobStore(config.s3);
  return new LocalBlobStore(join(config.dataDir, 'blobs'));
}
