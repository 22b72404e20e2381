import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketDirFor, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/platform/db/embedded-postgres.ts';
import { freePort } from '../free-port.ts';

const serverDir = new URL('../..', import.meta.url).pathname;

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL socket folder', () => {
  it('is the data folder while the socket path fits in a Unix socket name, and none (TCP alone) past that', () => {
    expect(socketDirFor('/srv/winkel/.data', 54329)).toBe('/srv/winkel/.data');
    expect(socketDirFor(`/srv/${'d'.repeat(120)}`, 54329)).toBeUndefined();
  });
});

describe('embedded PostgreSQL', () => {
  let dir: string;
  let port: number;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'winkel-embedded-'));
    port = await freePort();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts, keeps its data across restarts, and stops cleanly', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, port });
    await query(first.url, 'create table kept (v int); insert into kept values (42)');
    await first.stop();
    expect(existsSync(path.join(dir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir, port });
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 42 }]);
    expect(await query(second.url, 'select current_setting($$listen_addresses$$) as l')).toEqual([{ l: '127.0.0.1' }]);
    // The application's URL goes through the socket in the data folder (no server address); TCP stays open for tools.
    expect(second.url).toContain(`host=${encodeURIComponent(dir)}`);
    expect(await query(second.url, 'select inet_server_addr() as a')).toEqual([{ a: null }]);
    expect(await query(second.url.split('?')[0]!, 'select inet_server_addr()::text as a')).toEqual([{ a: '127.0.0.1/32' }]);
    await second.stop();
  });

  it('a second process in use next to a running one attaches to it instead of failing', async () => {
    const owner = await startEmbeddedPostgres({ dataDir: dir, port });
    let attached: EmbeddedPostgres | undefined;
    try {
      attached = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
      expect(attached.pid).toBe(-1);
      expect(await query(attached.url, 'select v from kept')).toEqual([{ v: 42 }]);
      await attached.stop(); // a no-op: the owner keeps running
      expect(await query(owner.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await owner.stop();
    }
  });

  it('recovers a server left behind by a killed process', async () => {
    const script = `import { startEmbeddedPostgres } from './src/platform/db/embedded-postgres.ts';
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: ${port} });
      process.stdout.write('up\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('up') && resolve());
      child.on('exit', (code) => reject(new Error(`helper exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const orphanPid = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

    const lines: string[] = [];
    const recovered = await startEmbeddedPostgres({ dataDir: dir, port, onLog: (l) => lines.push(l) });
    try {
      expect(recovered.pid).not.toBe(orphanPid);
      expect(lines.join('\n')).toMatch(/left behind/);
      expect(await query(recovered.url, 'select v from kept')).toEqual([{ v: 42 }]);
    } finally {
      await recovered.stop();
    }
  });

  it('refuses to start (and to wipe anything) when the password file is missing', async () => {
    const passwordFile = path.join(dir, 'postgres.password');
    await rename(passwordFile, `${passwordFile}.away`);
    try {
      await expect(startEmbeddedPostgres({ dataDir: dir, port })).rejects.toThrow(/postgres\.password is missing/);
      expect(existsSync(path.join(dir, 'postgres', 'PG_VERSION'))).toBe(true);
    } finally {
      await rename(`${passwordFile}.away`, passwordFile);
    }
  });
});
