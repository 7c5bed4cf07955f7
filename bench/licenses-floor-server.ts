import { createReadStream, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Fastify from 'fastify';

/**
 * The floors of BENCH.md for the license list: `FLOOR_MODE=fastify` is a bare Fastify route
 * answering the body in `FLOOR_FILE` with no work (the floor of an API page); `FLOOR_MODE=file`
 * a bare `node:http` server piping `FLOOR_FILE` with `fs.createReadStream` (the floor of a
 * streamed CSV export). Both answer /healthz.
 */
const file = process.env.FLOOR_FILE!;
const type = process.env.FLOOR_TYPE ?? 'application/octet-stream';
const port = Number(process.env.PORT);

if (process.env.FLOOR_MODE === 'file') {
  createServer((req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    res.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(res);
  }).listen(port, '127.0.0.1');
} else {
  const body = readFileSync(file, 'utf8');
  const app = Fastify();
  app.get('/floor', async (_req, reply) => reply.type(type).send(body));
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.listen({ port, host: '127.0.0.1' });
}
