import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenarios/index.ts';
import { freePort, HOST, startNode, waitFor } from './processes.ts';
import type { Target } from './winkel.ts';

/** One real answer of Winkel's, to be sent back byte for byte by the bare server. */
export interface Replay {
  status: number;
  headers: Array<[string, string]>;
  bodyBase64: string;
}

/** Set by node:http itself (or per connection); everything else is replayed as Winkel sent it. */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie']);

export async function captureReplay(baseUrl: string, scenario: Scenario, headers: Record<string, string>): Promise<Replay> {
  const res = await fetch(`${baseUrl}${scenario.path}`, {
    method: scenario.method,
    headers,
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = Buffer.from(await res.arrayBuffer());
  const expected = scenario.expectStatus ?? 200;
  if (res.status !== expected) {
    throw new Error(`scenario ${scenario.name}: ${scenario.method} ${scenario.path} answered ${res.status}, expected ${expected}: ${body.toString('utf8').slice(0, 300)}`);
  }
  const replayed: Array<[string, string]> = [...res.headers].filter(([name]) => !NOT_REPLAYED.has(name));
  for (const cookie of res.headers.getSetCookie()) replayed.push(['set-cookie', cookie]);
  return { status: res.status, headers: replayed, bodyBase64: body.toString('base64') };
}

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-server.ts');

/** A node:http server in its own process that answers every request with the replay. */
export async function startBare(replay: Replay, workDir: string, name: string): Promise<Target> {
  const port = await freePort();
  const specFile = path.join(workDir, `replay-${name}.json`);
  await writeFile(specFile, JSON.stringify(replay));
  const child = startNode('bare node:http', [serverScript, specFile, String(port)], {
    cwd: workDir,
    env: { ...process.env, NODE_ENV: 'production' },
    logFile: path.join(workDir, `bare-${name}.log`),
  });
  const url = `http://${HOST}:${port}`;
  try {
    await waitFor(`${url}/`, child, 20_000, replay.status);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { url, child };
}
