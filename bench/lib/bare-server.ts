import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Replay } from './bare.ts';

// The baseline: the least a node:http server can do to send the same bytes.
const [specFile, port] = process.argv.slice(2);
if (!specFile || !port) {
  process.stderr.write('usage: bare-server.ts <replay.json> <port>\n');
  process.exit(2);
}
const replay = JSON.parse(readFileSync(specFile, 'utf8')) as Replay;
const body = Buffer.from(replay.bodyBase64, 'base64');
const headers = [...replay.headers, ['content-length', String(body.length)]].flat();

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(replay.status, headers);
    res.end(body);
  });
});
server.listen(Number(port), '127.0.0.1');

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
