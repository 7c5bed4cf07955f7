import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, open } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

const openFile = promisify(open);

/** Inclusive byte offsets, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where release files live (SPEC §10): a local directory by default; an S3-compatible object
 * store fits the same interface. Bytes always move as streams, never whole in memory.
 */
export interface BlobStore {
  /** Stores every byte of `body` under `key`; on any failure nothing is left under `key`. */
  put(key: string, body: Readable): Promise<void>;
  /** The bytes under `key` (or one range of them); rejects with BlobNotFoundError when absent. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes `key`; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Lets go of connections, if the store holds any. */
  close?(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob ${key} not found`);
  }
}

/** Keys are made by the portal (`releases/<id>/<id>`), never from user input; this keeps them so. */
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;

/**
 * Blobs as files under one directory. A write goes to a temporary name, is flushed to disk and
 * then renamed, so a reader never sees half a file and a crash leaves only a stray `.part`.
 */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flush: true }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened here rather than lazily by the stream, so a missing file is an answer, not a broken response.
    const fd = await openFile(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(key) : error;
    });
    return createReadStream(path, { fd, autoClose: true, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new TypeError(`invalid blob key ${JSON.stringify(key)}`);
    const path = join(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new TypeError(`blob key ${key} escapes the store`);
    return path;
  }
}
