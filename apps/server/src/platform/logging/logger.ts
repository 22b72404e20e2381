import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactSecrets } from './redact.ts';

export type { Logger };

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
      err: pino.stdSerializers.err,
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
