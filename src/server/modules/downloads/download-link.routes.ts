import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.js';
import { etagOf } from './downloads.service.js';

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * `GET`/`HEAD /dl/{token}` at the root (SPEC §10): the signed link is the credential, so no
 * session is needed. Bytes stream from the blob store with back-pressure; `Range` resumes.
 */
export const downloadLinkRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { downloads } = container;

  app.route({
    method: ['GET', 'HEAD'],
    url: '/dl/:token',
    config: { public: true },
    schema: {
      tags: ['downloads'],
      description: 'Follow a link from `POST /accounts/{a}/downloads/{fileId}/link`. Supports `Range` (one range: 206 with Content-Range), `If-Range` and `HEAD`; 403 `link_expired` once the link is past its time.',
      params: z.object({ token: z.string().min(1).max(2000) }),
    },
    handler: async (req, reply) => {
      const opened = await downloads.openDownload(req.params.token, {
        method: req.method === 'HEAD' ? 'HEAD' : 'GET',
        range: header(req.headers.range),
        ifRange: header(req.headers['if-range']),
        ip: req.ip ?? null,
      });
      const { file, part, body, downloadId } = opened;
      const size = Number(file.size);
      const length = part.kind === 'partial' ? part.end - part.start + 1 : size;
      reply
        .header('content-type', file.content_type)
        .header('content-length', String(length))
        .header('accept-ranges', 'bytes')
        .header('etag', etagOf(file))
        .header('last-modified', new Date(file.updated_at).toUTCString())
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'private, no-transform');
      if (part.kind === 'partial') reply.status(206).header('content-range', `bytes ${part.start}-${part.end}/${size}`);
      if (!body) return reply.send();

      let recorded = false;
      const record = (connectionFinished: boolean) => {
        if (recorded) return;
        recorded = true;
        opened.finish(connectionFinished).catch((error: unknown) => req.log.error({ err: error, downloadId }, 'recording the end of a download failed'));
      };
      // 'finish': every byte went to the connection; 'close' alone: the client went away first.
      reply.raw.once('finish', () => record(true));
      reply.raw.once('close', () => record(false));
      return reply.send(body);
    },
  });
};
