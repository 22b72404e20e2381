import type pg from 'pg';

type Stream = { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void };
type Chunk = Buffer | string;

/** What one checkout of a pool connection wrote to its socket: how many writes, and their bytes as text. */
export interface Session {
  writes: number;
  text: string;
}

/**
 * Records, for every connection `pool` hands out from now until `stop`, what it writes to its
 * socket between being taken and being released: each write is one send, so a round trip's
 * statements that leave together count once.
 */
export function recordSessions(pool: pg.Pool): { sessions: Session[]; stop: () => void } {
  const sessions: Session[] = [];
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const restore: Array<() => void> = [];
  (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    const stream = (client as unknown as { connection: { stream: Stream } }).connection.stream;
    const session: Session = { writes: 0, text: '' };
    sessions.push(session);
    const original = { write: stream._write, writev: stream._writev };
    const add = (chunks: Chunk[]) => {
      session.writes += 1;
      session.text += chunks.map((c) => (typeof c === 'string' ? c : c.toString('latin1'))).join('');
    };
    stream._write = (chunk: unknown, ...rest: unknown[]) => (add([chunk as Chunk]), original.write.call(stream, chunk, ...rest));
    if (original.writev) stream._writev = (chunks: unknown, ...rest: unknown[]) => (add((chunks as Array<{ chunk: Chunk }>).map((c) => c.chunk)), original.writev!.call(stream, chunks, ...rest));
    const unhook = () => Object.assign(stream, { _write: original.write, _writev: original.writev });
    restore.push(unhook);
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      unhook();
      client.release = release;
      return release(err);
    };
    return client;
  };
  const stop = () => {
    (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = connect;
    for (const unhook of restore) unhook();
  };
  return { sessions, stop };
}
