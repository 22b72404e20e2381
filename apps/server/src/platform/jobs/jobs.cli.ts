import type { Db } from '../db/database.ts';
import { deleteJob, listFailedJobs, retryJob, type FailedJob } from './jobs.repository.ts';

export const JOBS_USAGE = `  jobs failed [--limit N] [--cursor ID]  list permanently failed jobs, newest first
  jobs retry ID              run a permanently failed job again
  jobs delete ID             delete a job that is not running`;

export type JobsCommand = { action: 'failed'; limit: number; cursor: string | null } | { action: 'retry' | 'delete'; id: string };

const ID = /^[1-9]\d{0,18}$/;

/** Parses the words after `winkel jobs`; a string is what is wrong with them. */
export function parseJobsCommand(args: readonly string[]): JobsCommand | string {
  const [action, ...rest] = args;
  if (action === 'retry' || action === 'delete') {
    const [id, ...extra] = rest;
    if (!id || !ID.test(id) || extra.length > 0) return `jobs ${action} takes one job id`;
    return { action, id };
  }
  if (action !== 'failed') return 'jobs takes failed, retry or delete';
  let limit = 50;
  let cursor: string | null = null;
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === '--limit' && value && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000) limit = Number(value);
    else if (flag === '--cursor' && value && ID.test(value)) cursor = value;
    else return 'jobs failed takes --limit N (1–1000) and --cursor ID';
  }
  return { action, limit, cursor };
}

function line(job: FailedJob): string {
  const error = (job.lastError ?? '').split('\n')[0]?.slice(0, 200) ?? '';
  return `${job.id}  ${job.task}  attempts ${job.attempts}/${job.maxAttempts}  failed ${job.failedAt.toISOString()}  ${error}`;
}

/** Runs the command; `ok` is false when retry or delete found no such job (the CLI then exits 1, so scripts notice). */
export async function runJobsCommand(db: Db, command: JobsCommand): Promise<{ output: string; ok: boolean }> {
  if (command.action !== 'failed') {
    const { id } = command;
    if (command.action === 'retry') {
      const ok = await retryJob(db, id);
      return { ok, output: ok ? `job ${id} queued to run again\n` : `no permanently failed job ${id}\n` };
    }
    const ok = await deleteJob(db, id);
    return { ok, output: ok ? `job ${id} deleted\n` : `no job ${id} that is not running\n` };
  }
  const page = await listFailedJobs(db, { limit: command.limit, cursor: command.cursor });
  if (page.jobs.length === 0) return { ok: true, output: 'no permanently failed jobs\n' };
  const more = page.nextCursor ? [`more: winkel jobs failed --limit ${command.limit} --cursor ${page.nextCursor}`] : [];
  return { ok: true, output: `${[...page.jobs.map(line), ...more].join('\n')}\n` };
}
