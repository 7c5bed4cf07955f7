import Fastify from 'fastify';

/**
 * The floor of the validation benchmark (BENCH.md): a bare Fastify route that parses the JSON
 * body and answers a validation answer of the same size as the portal's, doing no work.
 */
const answer = JSON.parse(process.env.FLOOR_ANSWER ?? '{}') as Record<string, unknown>;
const app = Fastify({ logger: false });
app.post('/api/v1/validate', async () => answer);
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
