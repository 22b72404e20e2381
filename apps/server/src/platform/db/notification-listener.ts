import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

export type NoticeHandler = (payload: string) => void;

/**
 * PostgreSQL LISTEN on one dedicated connection of this process. It needs a
 * session of its own: behind a transaction-pooling PgBouncer LISTEN does not
 * work, so point it at PostgreSQL itself or at a session-mode pool.
 */
export interface NotificationListener {
  /** Handles every notice on `channel`; connects on the first call. */
  listen(channel: string, handler: NoticeHandler): void;
  /**
   * Called each time LISTEN is active again after (re)connecting, and each time
   * the connection is lost: notices sent meanwhile are gone, so whatever was
   * derived from them must be dropped.
   */
  onStateChange(handler: (listening: boolean) => void): void;
  isListening(): boolean;
  close(): Promise<void>;
}

export interface NotificationListenerOptions {
  url: string;
  log: Logger;
  applicationName?: string;
  /** First retry delay after a lost connection; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function createNotificationListener(options: NotificationListenerOptions): NotificationListener {
  const { url, log } = options;
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const handlers = new Map<string, Set<NoticeHandler>>();
  const stateHandlers = new Set<(listening: boolean) => void>();
  let client: pg.Client | undefined;
  let listening = false;
  let started = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const setListening = (value: boolean) => {
    if (listening === value) return;
    listening = value;
    for (const handler of stateHandlers) {
      try {
        handler(value);
      } catch (err) {
        log.error({ err }, 'notification state handler failed');
      }
    }
  };

  const deliver = (message: pg.Notification) => {
    for (const handler of handlers.get(message.channel) ?? []) {
      try {
        handler(message.payload ?? '');
      } catch (err) {
        log.error({ err, channel: message.channel }, 'notification handler failed');
      }
    }
  };

  const lost = (conn: pg.Client, reason: string) => {
    if (client !== conn) return;
    client = undefined;
    conn.removeAllListeners('notification');
    conn.end().catch(() => undefined);
    setListening(false);
    if (closed) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt, 16));
    // The first failure of an outage is news; every retry after it is not.
    if (attempt === 0) log.warn({ reason }, 'database notification listener disconnected; reconnecting in the background');
    else log.debug({ reason, retryInMs: delay }, 'database notification listener still disconnected');
    attempt++;
    retryTimer = setTimeout(connect, delay);
  };

  async function connect(): Promise<void> {
    retryTimer = undefined;
    if (closed) return;
    const conn = new pg.Client({ connectionString: url, application_name: options.applicationName ?? 'winkel-listener', keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client = conn;
    conn.on('error', (err) => lost(conn, err.message));
    conn.on('end', () => lost(conn, 'connection ended'));
    conn.on('notification', deliver);
    try {
      await conn.connect();
      for (const channel of handlers.keys()) await conn.query(`LISTEN ${conn.escapeIdentifier(channel)}`);
    } catch (err) {
      lost(conn, (err as Error).message);
      return;
    }
    if (client !== conn || closed) return;
    if (attempt > 0) log.info('database notification listener reconnected');
    attempt = 0;
    setListening(true);
  }

  return {
    listen(channel, handler) {
      if (closed) throw new Error('notification listener is closed');
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        // A channel added while connected: LISTEN now; otherwise connect() listens to every channel.
        if (client && listening) client.query(`LISTEN ${client.escapeIdentifier(channel)}`).catch((err: Error) => client && lost(client, err.message));
      }
      set.add(handler);
      if (!started) {
        started = true;
        void connect();
      }
    },
    onStateChange(handler) {
      stateHandlers.add(handler);
    },
    isListening: () => listening,
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const conn = client;
      client = undefined;
      setListening(false);
      if (conn) {
        conn.removeAllListeners('end');
        await conn.end().catch(() => undefined);
      }
    },
  };
}
