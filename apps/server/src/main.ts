import type { SelfCommand } from './platform/jobs/self-command.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './platform/logging/logger.ts';
import type { DemoStoreSeed } from './modules/tenancy/index.ts';
import { createServer, type Server } from './server.ts';
import { handleProcessLifecycle } from './platform/lifecycle/process-lifecycle.ts';

const baseUrl = (config: Config, address: string) =>
  config.publicUrl.startsWith('http://127.0.0.1') || config.publicUrl.startsWith('http://localhost') ? address : config.publicUrl;

function banner(config: Config, address: string): string {
  const base = baseUrl(config, address);
  return [
    '',
    `  Winkel is running (${config.env})`,
    `    API        ${base}/api/v1`,
    `    API docs   ${base}/docs`,
    `    Health     ${base}/health`,
    `    Metrics    ${base}/metrics`,
    '',
  ].join('\n');
}

/** Printed once, on the start that made the demo store: the password exists nowhere else and is never logged. */
function demoStoreBanner(seed: DemoStoreSeed, base: string): string {
  return [
    '',
    '  A demo store was created (the database had no store):',
    `    Store      ${seed.handle}`,
    `    Owner      ${seed.email}`,
    `    Password   ${seed.password}`,
    '    This password is shown only now. Sign in and change it, or use POST /api/v1/admin/auth/password-reset.',
    `    Storefront curl -H 'X-Publishable-Key: ${seed.publishableKey}' ${base}/api/v1/store/products`,
    '',
  ].join('\n');
}

/**
 * Runs the server until a signal. The first SIGTERM/SIGINT shuts down in
 * order (exit 0); a second one exits at once. A crash (unhandled rejection or
 * exception) is logged and leads to the same orderly shutdown, then exit 1
 * (see process-lifecycle.ts).
 */
export async function runServer(config: Config, self: SelfCommand | null = null): Promise<void> {
  const log = createLogger(config.logLevel);
  const lifecycle = handleProcessLifecycle(log, config.lifecycle.shutdownTimeoutMs);
  let server: Server;
  try {
    server = await createServer(config, log, { self });
  } catch (err) {
    lifecycle.startFailed();
    throw err;
  }
  const up = server;
  if (lifecycle.started({ stop: (reason) => up.shutdown(reason), stopEmbedded: () => up.runtime.embedded?.stop() })) return;
  let address: string;
  try {
    address = await server.listen();
  } catch (err) {
    await server.shutdown('listen failed'); // stops the embedded PostgreSQL rather than orphaning it
    throw err;
  }
  if (!config.isProduction) process.stdout.write(`${banner(config, address)}\n`);
  if (server.demoStore) process.stdout.write(`${demoStoreBanner(server.demoStore, baseUrl(config, address))}\n`);
  log.info({ address }, 'listening');
}

export type { Logger };
