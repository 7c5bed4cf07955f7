import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import type { TRelease, TReleaseCreate } from '../../../contracts/downloads.js';
import type { Store } from '../../db/store.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { BlobStore } from '../../platform/blob-store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { downloadsRepository as repo } from './downloads.repository.js';
import { contentTypeOf, toReleases } from './release-view.js';

export interface ReleasesDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  blobs: BlobStore;
}

/** The largest release file accepted: far above any installer, low enough to stop a runaway upload. */
export const MAX_RELEASE_FILE_BYTES = 64 * 1024 ** 3;

export interface StoredFile {
  id: string;
  size: number;
  sha256: string;
}

/** The vendor's side of FileConnect: releases and their files (SPEC §10). */
export class ReleasesService {
  constructor(private readonly deps: ReleasesDeps) {}

  async createRelease(ctx: RequestContext, input: TReleaseCreate): Promise<{ id: string }> {
    authorize(ctx.actor, 'vendor.write');
    const { store, clock, audit } = this.deps;
    return store.transaction(async (tx) => {
      const product = await repo.findProductBySku(tx, input.productSku);
      if (!product) throw fieldError('productSku', `no product has the SKU ${input.productSku}`);
      const now = clock.now();
      const id = newId('release', now);
      const inserted = await repo.insertRelease(tx, { id, product_id: product.id, version: input.version, notes: input.notes, created_at: now.toISOString() });
      if (!inserted) throw new AppError('conflict', `${input.productSku} already has a release ${input.version}`);
      await audit.record(tx, ctx, { action: 'release.created', accountId: null, targetType: 'release', targetId: id, data: { productSku: product.sku, version: input.version } });
      return { id };
    });
  }

  async listReleases(ctx: RequestContext, query: { product?: string | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'vendor.read');
    const db = this.deps.store.db;
    const rows = await repo.listReleases(db, { sku: query.product, before: query.cursor, limit: query.limit + 1 });
    const page = pageOf(rows, query.limit, (r) => r.id);
    return { items: toReleases(page.items, await repo.filesOf(db, page.items.map((r) => r.id))), nextCursor: page.nextCursor };
  }

  async getRelease(ctx: RequestContext, id: string): Promise<TRelease> {
    authorize(ctx.actor, 'vendor.read');
    const db = this.deps.store.db;
    const row = await repo.findRelease(db, id);
    if (!row) throw notFound('release');
    return toReleases([row], await repo.filesOf(db, [id]))[0]!;
  }

  /**
   * Streams `body` into the blob store, measuring size and SHA-256 on the way, then records the
   * file (replacing an earlier upload of the same name). The bytes are never held in memory.
   */
  async storeFile(ctx: RequestContext, releaseId: string, name: string, body: Readable, declaredLength?: number): Promise<StoredFile> {
    authorize(ctx.actor, 'vendor.write');
    if (declaredLength !== undefined && declaredLength > MAX_RELEASE_FILE_BYTES) throw tooLarge();
    const { store, clock, audit, blobs } = this.deps;
    if (!(await repo.findRelease(store.db, releaseId))) throw notFound('release');

    const blobKey = `releases/${releaseId}/${newId('blob', clock.now())}`;
    const meter = new ByteMeter(MAX_RELEASE_FILE_BYTES);
    // pipeline (not pipe) so that a client that goes away mid-upload fails the write instead of stalling it.
    await blobs.put(blobKey, pipeline(body, meter, () => {}));

    try {
      const { id, replacedKey } = await store.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const previous = await repo.findFileByName(tx, releaseId, name);
        const id = await repo.upsertFile(tx, {
          id: newId('releaseFile', clock.now()),
          release_id: releaseId,
          name,
          size: meter.size,
          sha256: meter.sha256,
          content_type: contentTypeOf(name),
          blob_key: blobKey,
          created_at: now,
          updated_at: now,
        });
        await audit.record(tx, ctx, { action: 'release.file_stored', accountId: null, targetType: 'release_file', targetId: id, data: { releaseId, name, size: meter.size, sha256: meter.sha256, replaced: previous !== undefined } });
        return { id, replacedKey: previous?.blob_key };
      });
      if (replacedKey) await blobs.delete(replacedKey).catch(() => {});
      return { id, size: meter.size, sha256: meter.sha256 };
    } catch (error) {
      await blobs.delete(blobKey).catch(() => {});
      throw error;
    }
  }
}

const tooLarge = () => new AppError('payload_too_large', `a release file may hold at most ${MAX_RELEASE_FILE_BYTES} bytes`);

/** Passes bytes through while counting and hashing them; fails past `limit`. */
class ByteMeter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private digest: string | undefined;

  constructor(private readonly limit: number) {
    super();
  }

  get sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) return done(tooLarge());
    this.hash.update(chunk);
    done(null, chunk);
  }
}
