import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactSecrets } from './redact.ts';

export type { Logger };

interface FailedQuery extends Error {
  query: string;
  params: unknown[];
}

function isFailedQuery(err: unknown): err is FailedQuery {
  return err instanceof Error && typeof (err as Partial<FailedQuery>).query === 'string' && Array.isArray((err as Partial<FailedQuery>).params);
}

/** Errors as pino serializes them, except that a failed query keeps its SQL and loses its parameter values. */
function serializeError(err: unknown): unknown {
  if (!isFailedQuery(err)) return pino.stdSerializers.err(err as Error);
  const safe = new Error(`Failed query: ${err.query}`);
  safe.name = err.name;
  safe.stack = `${safe.name}: ${safe.message}\n${(err.stack ?? '').split('\n').slice(2).join('\n')}`;
  if (err.cause instanceof Error) safe.cause = err.cause;
  return pino.stdSerializers.err(safe);
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'winkel' },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
    serializers: {
      err: serializeError,
      req: (req: { method: string; url: string; id?: string; ip?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: req.url,
        ip: req.ip,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
