import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import type { TDownloadLink, TDownloadRelease } from '../../../contracts/downloads.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { BlobStore } from '../../platform/blob-store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { downloadableProducts, type DownloadAccess } from './download-entitlement.js';
import { DownloadLinkSigner } from './download-link.js';
import { downloadsRepository as repo } from './downloads.repository.js';
import type { ReleaseFilesTable } from './downloads.table.js';
import { answerRange, type RangeAnswer } from './http-range.js';
import { toReleases } from './release-view.js';

export interface DownloadsDeps {
  store: Store;
  clock: Clock;
  blobs: BlobStore;
  links: DownloadLinkSigner;
  publicUrl: string;
  linkTtlSeconds: number;
}

/** What a download link request asks for, read from its HTTP headers by the route. */
export interface DownloadRequest {
  method: 'GET' | 'HEAD';
  range: string | undefined;
  ifRange: string | undefined;
  ip: string | null;
}

/** An opened download: the file, the part to send, (for GET) its bytes as a stream, and how to record its end. */
export interface OpenedDownload {
  downloadId: string;
  file: ReleaseFilesTable;
  part: Exclude<RangeAnswer, { kind: 'unsatisfiable' }>;
  body: Readable | null;
  /** Records how the download ended: the connection finished (every byte went out) or closed first. */
  finish(connectionFinished: boolean): Promise<void>;
}

/** The customer's side of FileConnect (SPEC §10): what an account may download, links, delivery. */
export class DownloadsService {
  constructor(private readonly deps: DownloadsDeps) {}

  async listDownloads(ctx: RequestContext, accountId: string, query: { product?: string | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const db = this.deps.store.db;
    const access = await this.accessOf(db, accountId);
    const rows = await repo.listReleases(db, { productIds: [...access.keys()], sku: query.product, withFilesOnly: true, before: query.cursor, limit: query.limit + 1 });
    const page = pageOf(rows, query.limit, (r) => r.id);
    const releases = toReleases(page.items, await repo.filesOf(db, page.items.map((r) => r.id)));
    const items: TDownloadRelease[] = releases.map((r, i) => ({ ...r, access: access.get(page.items[i]!.product_id)! }));
    return { items, nextCursor: page.nextCursor };
  }

  /** A short-lived signed link to one file, for an account entitled to it; others get 404. */
  async createLink(ctx: RequestContext, accountId: string, fileId: string): Promise<TDownloadLink> {
    authorize(ctx.actor, 'account.read', accountId);
    const db = this.deps.store.db;
    const file = await repo.findFile(db, fileId);
    if (!file || !(await this.accessOf(db, accountId)).has(file.product_id)) throw notFound('file');
    const expiresAt = Math.floor(this.deps.clock.now().getTime() / 1000) + this.deps.linkTtlSeconds;
    const requestedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind === 'token' ? ctx.actor.tokenId : null;
    const token = this.deps.links.sign({ fileId, accountId, sha256: file.sha256, requestedBy, expiresAt });
    return { url: `${this.deps.publicUrl}/dl/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /**
   * Checks a link, decides which bytes to send and records the download. The link is the
   * credential: it names the account and file, and nothing in it can be altered.
   */
  async openDownload(token: string, request: DownloadRequest): Promise<OpenedDownload> {
    const { store, clock, links, blobs } = this.deps;
    const now = clock.now();
    const check = links.check(token, Math.floor(now.getTime() / 1000));
    if (!check.ok && check.reason === 'expired') {
      throw new AppError('link_expired', `this download link expired at ${new Date(check.expiresAt! * 1000).toISOString()}; ask the portal for a new one`);
    }
    if (!check.ok) throw new AppError('not_found', 'this download link is not valid');
    const { grant } = check;
    const file = await repo.findFile(store.db, grant.fileId);
    if (!file) throw new AppError('not_found', 'this file is no longer published');
    if (!DownloadLinkSigner.isSameFile(grant, file.sha256)) throw new AppError('not_found', 'this file was replaced since the link was made; ask the portal for a new link');

    // If-Range: resume only when the client holds the same bytes; otherwise send the file afresh.
    const sameBytes = request.ifRange === undefined || request.ifRange === etagOf(file);
    const part = answerRange(sameBytes ? request.range : undefined, Number(file.size));
    if (part.kind === 'unsatisfiable') {
      throw new AppError('range_not_satisfiable', `the file holds ${file.size} bytes`, undefined, { 'content-range': `bytes */${file.size}` });
    }
    const stored = request.method === 'GET' ? await blobs.read(file.blob_key, part.kind === 'partial' ? part : undefined) : null;
    const downloadId = newId('download', now);
    const recorded = repo.insertDownload(store.db, {
      id: downloadId,
      file_id: file.id,
      account_id: grant.accountId,
      requested_by: grant.requestedBy,
      ip: request.ip,
      method: request.method,
      range: request.range?.slice(0, 200) ?? null,
      status: part.kind === 'partial' ? 206 : 200,
      bytes_sent: stored ? null : 0,
      completed: stored ? null : 1,
      started_at: now.toISOString(),
      finished_at: stored ? null : now.toISOString(),
    });
    if (!stored) {
      await recorded;
      return { downloadId, file, part, body: null, finish: async () => {} };
    }
    const length = part.kind === 'partial' ? part.end - part.start + 1 : Number(file.size);
    const body = pipeline(stored, new ByteCount(), () => {});
    // The bytes start while the record is written (a commit is slower than the first bytes);
    // should the record fail, the transfer is cut short, so no complete download goes unrecorded.
    recorded.catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
    const finish = async (connectionFinished: boolean) => {
      await recorded;
      await repo.finishDownload(store.db, downloadId, body.bytes, connectionFinished && body.bytes === length, clock.now().toISOString());
    };
    return { downloadId, file, part, body, finish };
  }

  private async accessOf(db: Db, accountId: string): Promise<Map<string, DownloadAccess>> {
    const now = this.deps.clock.now();
    const held = await repo.heldProducts(db, accountId, now.toISOString());
    if (held.length === 0) return new Map();
    const lines = [...new Set(held.map((h) => h.product_line))];
    const [catalog, maintained] = await Promise.all([repo.productsOfLines(db, lines), repo.maintainedLines(db, accountId, now.toISOString().slice(0, 10))]);
    return downloadableProducts(
      catalog.map((p) => ({ id: p.id, productLine: p.product_line, version: p.version })),
      held.map((h) => ({ productLine: h.product_line, version: h.version })),
      new Set(maintained),
    );
  }
}

/** A strong ETag: the file's SHA-256. */
export const etagOf = (file: Pick<ReleaseFilesTable, 'sha256'>): string => `"${file.sha256}"`;

/** Counts the bytes that pass, so the record of a download says how far it got. */
class ByteCount extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}
