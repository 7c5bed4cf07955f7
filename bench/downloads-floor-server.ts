import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { pipeline } from 'node:stream';

/** The floor of the downloads benchmark (BENCH.md): a bare Node `http` server piping one file. */
const file = process.env.FLOOR_FILE!;
const size = statSync(file).size;
const server = createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
  pipeline(createReadStream(file), res, () => {});
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
