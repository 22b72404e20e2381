import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '../logging/logger.ts';

type LogFactory = ConstructorParameters<typeof GraphileLogger>[0];
type Level = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Record<string, Level> = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' };

interface Scope {
  label?: string;
  workerId?: string;
  taskIdentifier?: string;
  jobId?: string;
}

/**
 * graphile-worker's logger, writing through ours: one JSON line per message,
 * nothing on the console, and never a job's payload (graphile passes whole
 * job rows as metadata; we keep only their id and task).
 */
export function graphileLogger(log: Logger): GraphileLogger {
  const factory: LogFactory = (rawScope) => {
    const scope = rawScope as Scope;
    const scoped = log.child({
      component: 'jobs',
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    });
    return (level, message, meta) => {
      const fields: Record<string, unknown> = { ...jobFields(meta?.job) };
      if (meta?.error) fields.err = meta.error;
      // Failure messages carry the whole stack; the err field has it already.
      scoped[LEVELS[level] ?? 'info'](fields, message.split('\n')[0] ?? message);
    };
  };
  return new GraphileLogger(factory);
}

function jobFields(job: unknown): Record<string, unknown> {
  if (typeof job !== 'object' || job === null) return {};
  const { id, task_identifier: task, attempts } = job as { id?: unknown; task_identifier?: unknown; attempts?: unknown };
  return { job: { id, task, attempt: attempts } };
}
