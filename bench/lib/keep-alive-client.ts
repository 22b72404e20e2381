import http from 'node:http';
import { HOST } from './processes.ts';

export interface Answer {
  status: number;
  body: string;
}

/** Connection errors and timeouts, named by their code (ECONNRESET, TIMEOUT, …). */
export class ConnectionError extends Error {
  constructor(readonly code: string) {
    super(`request failed: ${code}`);
  }
}

/**
 * One keep-alive connection to 127.0.0.1: requests go one after another over the same socket
 * (opened again only if the server closed it). Nothing else is ever reached.
 */
export class KeepAliveClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly port: number;

  constructor(baseUrl: string, private readonly timeoutMs = 10_000) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' || url.hostname !== HOST) throw new Error(`the bench only targets http://${HOST}, not ${baseUrl}`);
    this.port = Number(url.port);
  }

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const sent = body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request({ host: HOST, port: this.port, method, path, headers: sent, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err: NodeJS.ErrnoException) => reject(new ConnectionError(err.code ?? err.message)));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => reject(new ConnectionError(err.code ?? err.message)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
