/**
 * Staff sign-in throughput: logins per second against the real server
 * (argon2id verify, lockout bookkeeping, session, tokens) with one connection
 * and with several in parallel, each connection signing in as its own staff
 * member, as a shop's team would. Run from the repository root with
 * `node --import tsx bench/login.ts [--duration 10] [--connections 1,4,16]`.
 * Standalone rather than a scenario because its setup needs the demo
 * owner's one-time password, which only the start banner shows, and the
 * invitation links of the development outbox. The argon2 cost is the
 * server's: set PASSWORD_HASH_MEMORY_KIB / PASSWORD_HASH_ITERATIONS to try others.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoPassword } from './lib/demo-store.ts';
import { sleep } from './lib/processes.ts';
import { buildServer, startWinkel } from './lib/winkel.ts';

const say = (line: string) => process.stderr.write(`bench/login: ${line}\n`);
const PASSWORD = 'bench-staff-password-2024';

async function call(base: string, method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** Invites `count` staff members and accepts each invitation through the development outbox. */
async function makeStaff(base: string, ownerPassword: string, count: number): Promise<string[]> {
  const owner = await call(base, 'POST', '/api/v1/admin/auth/login', { store: 'demo', email: 'owner@demo.winkel.local', password: ownerPassword });
  if (owner.status !== 200) throw new Error(`owner sign-in: ${owner.status}`);
  const emails = Array.from({ length: count }, (_, i) => `bench${i}@demo.winkel.local`);
  for (const email of emails) await call(base, 'POST', '/api/v1/admin/staff-invitations', { email, role: 'viewer' }, (owner.json as { accessToken: string }).accessToken);
  for (let i = 0; i < 100; i++) {
    const outbox = await call(base, 'GET', '/api/v1/dev/outbox');
    const tokens = ((outbox.json as { data?: Array<{ text: string }> } | null)?.data ?? []).map((m) => /#token=([\w-]+)/.exec(m.text)?.[1]).filter(Boolean) as string[];
    if (tokens.length >= count) {
      for (const token of tokens) await call(base, 'POST', '/api/v1/admin/auth/invitations/accept', { token, name: 'Bench', password: PASSWORD });
      return emails;
    }
    await sleep(200);
  }
  throw new Error('the invitations never reached the development outbox');
}

interface Run {
  loginsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

/** `connections` loops in parallel, loop i signing in as emails[i], for `seconds`. */
async function measure(base: string, emails: string[], connections: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    emails.slice(0, connections).map(async (email) => {
      while (Date.now() < until) {
        const start = performance.now();
        const res = await call(base, 'POST', '/api/v1/admin/auth/login', { store: 'demo', email, password: PASSWORD });
        if (res.status === 200) latencies.push(performance.now() - start);
        else failed++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { loginsPerSecond: latencies.length / seconds, p50: at(50), p99: at(99), failed };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '1,4,16' } } });
  const seconds = Math.min(120, Math.max(1, Number(values.duration)));
  const counts = values.connections.split(',').map(Number).filter((n) => n >= 1 && n <= 64);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'winkel-bench-login-'));
  const hardStop = setTimeout(() => {
    say('time budget spent; exiting');
    process.exit(1);
  }, 180_000 + counts.length * (seconds + 5) * 1000);
  hardStop.unref();
  say('starting Winkel with an embedded PostgreSQL');
  buildServer();
  const winkel = await startWinkel(workDir);
  try {
    const emails = await makeStaff(winkel.url, await demoPassword(winkel.child.logFile), Math.max(...counts));
    await measure(winkel.url, emails, 2, 2);
    const memory = process.env.PASSWORD_HASH_MEMORY_KIB ?? '19456';
    const passes = process.env.PASSWORD_HASH_ITERATIONS ?? '2';
    process.stdout.write(`argon2id m=${memory} KiB, t=${passes}, p=1; ${os.cpus().length} CPUs; ${seconds} s per run\n`);
    process.stdout.write('conns  logins/s   p50 ms   p99 ms  failed\n');
    for (const connections of counts) {
      say(`${connections} connection(s)`);
      const r = await measure(winkel.url, emails, connections, seconds);
      process.stdout.write(`${[String(connections).padStart(5), r.loginsPerSecond.toFixed(1).padStart(9), r.p50.toFixed(1).padStart(8), r.p99.toFixed(1).padStart(8), String(r.failed).padStart(7)].join(' ')}\n`);
    }
  } finally {
    await winkel.child.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
