import Fastify from 'fastify';
import { parse } from 'csv-parse/sync';

/**
 * The floor of the Get a Key and order import benchmarks (BENCH.md): bare Fastify routes at the
 * same paths that parse the same bodies (JSON, CSV) and answer a recorded portal answer, doing no
 * other work.
 */
const answer = process.env.FLOOR_ANSWER ?? '{}';
const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
app.post('/api/v1/accounts/:accountId/get-a-key', async (_req, reply) => reply.type('application/json').send(answer));
app.post('/api/v1/admin/orders/import', async (req, reply) => {
  const rows = (parse(req.body as string, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][]).length - 1;
  return reply.type('application/json').send(JSON.stringify({ imported: rows, rejected: [] }));
});
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
