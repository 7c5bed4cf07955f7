import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZIdParam } from '../../../contracts/common.js';
import {
  ZDownloadLink,
  ZDownloadLinkParams,
  ZDownloadList,
  ZDownloadListQuery,
  ZRelease,
  ZReleaseCreate,
  ZReleaseCreated,
  ZReleaseFileParams,
  ZReleaseFileStored,
  ZReleaseList,
  ZReleaseListQuery,
} from '../../../contracts/downloads.js';
import type { Container } from '../../container.js';
import { AppError } from '../../http/app-error.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import { MAX_RELEASE_FILE_BYTES } from './releases.service.js';

/**
 * A request body handed over as the stream it arrived as. `toJSON` keeps code that logs or hashes
 * bodies (the idempotency check) from walking the socket behind it.
 */
class StreamedBody {
  constructor(readonly stream: Readable) {}
  toJSON(): string {
    return '[streamed body]';
  }
}

export const downloadsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { releases, downloads } = container;

  // Release files arrive as raw bytes and go straight to the blob store; this parser lives only
  // in this plugin's scope, so every other route still takes JSON alone.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, new StreamedBody(payload)));

  app.post('/admin/releases', { config: { access: 'vendor.write' }, schema: { tags: ['admin', 'downloads'], body: ZReleaseCreate, response: { 201: ZReleaseCreated, ...errors(400, 401, 403, 404, 409, 429) } } }, async (req, reply) =>
    reply.status(201).send(await releases.createRelease(ctxOf(req), req.body)),
  );

  app.get('/admin/releases', { schema: { tags: ['admin', 'downloads'], querystring: ZReleaseListQuery, response: { 200: ZReleaseList, ...authErrors } } }, async (req) =>
    releases.listReleases(ctxOf(req), req.query),
  );

  app.get('/admin/releases/:id', { schema: { tags: ['admin', 'downloads'], params: z.object({ id: ZIdParam }), response: { 200: ZRelease, ...authErrors } } }, async (req) =>
    releases.getRelease(ctxOf(req), req.params.id),
  );

  app.put(
    '/admin/releases/:id/files/:name',
    {
      bodyLimit: MAX_RELEASE_FILE_BYTES,
      config: { access: 'vendor.write' },
      schema: {
        tags: ['admin', 'downloads'],
        description: "The file's bytes as the body (`Content-Type: application/octet-stream`); size and SHA-256 are measured while it streams to storage. Sending a name again replaces that file.",
        params: ZReleaseFileParams,
        response: { 200: ZReleaseFileStored, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    async (req) => {
      if (!(req.body instanceof StreamedBody)) throw new AppError('unsupported_media_type', 'send the file as the body with Content-Type: application/octet-stream');
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
      return releases.storeFile(ctxOf(req), req.params.id, req.params.name, req.body.stream, length);
    },
  );

  app.get('/accounts/:accountId/downloads', { schema: { tags: ['downloads'], params: ZAccountParams, querystring: ZDownloadListQuery, response: { 200: ZDownloadList, ...authErrors } } }, async (req) =>
    downloads.listDownloads(ctxOf(req), req.params.accountId, req.query),
  );

  app.post('/accounts/:accountId/downloads/:fileId/link', { schema: { tags: ['downloads'], params: ZDownloadLinkParams, response: { 200: ZDownloadLink, ...authErrors } } }, async (req) =>
    downloads.createLink(ctxOf(req), req.params.accountId, req.params.fileId),
  );
};
