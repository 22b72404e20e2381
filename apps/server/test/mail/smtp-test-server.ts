import { SMTPServer } from 'smtp-server';
import { freePort } from '../free-port.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The user the client logged in as, if any. */
  user: string | undefined;
  raw: string;
}

export interface SmtpTestServer {
  port: number;
  /** smtp://[user:pass@]127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Messages the server answered with an error instead of accepting. */
  refused: number;
  /** Answers the next messages (one each) with these replies instead of accepting them. */
  refuseNext(...replies: Array<{ code: number; message: string }>): void;
  /** Answers the next messages to this recipient (one each) with these replies; before refuseNext's. */
  refuseNextTo(recipient: string, ...replies: Array<{ code: number; message: string }>): void;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port (plain text, no STARTTLS), requiring a login when `auth` is given. */
export async function startSmtpServer(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpTestServer> {
  const { auth } = options;
  const received: ReceivedMail[] = [];
  const refusals: Array<{ code: number; message: string }> = [];
  const refusalsTo = new Map<string, Array<{ code: number; message: string }>>();
  const state = { refused: 0 };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.pass) callback(null, { user: login.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = session.envelope.rcptTo.map((r) => refusalsTo.get(r.address)?.shift()).find(Boolean) ?? refusals.shift();
        if (refusal) {
          state.refused++;
          return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    get refused() {
      return state.refused;
    },
    refuseNext: (...replies) => void refusals.push(...replies),
    refuseNextTo: (recipient, ...replies) => void refusalsTo.set(recipient, [...(refusalsTo.get(recipient) ?? []), ...replies]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
