import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logging/logger.ts';
import { parseJobsCommand } from './jobs.cli.ts';
import { defineTask, toTaskList } from './job-task.ts';

describe('defineTask and toTaskList', () => {
  const noop = async () => undefined;

  it('accepts dotted lower-case names and refuses others', () => {
    expect(defineTask('orders.send-confirmation', z.object({}), noop).name).toBe('orders.send-confirmation');
    for (const bad of ['', 'Orders.email', '1st', 'has space', 'x'.repeat(129)]) {
      expect(() => defineTask(bad, z.object({}), noop)).toThrow(/task name/);
    }
  });

  it('refuses two tasks with one name', () => {
    const a = defineTask('same.name', z.object({}), noop);
    const b = defineTask('same.name', z.object({ x: z.number() }), noop);
    expect(() => toTaskList([a, b], createLogger('silent'))).toThrow(/two job tasks are named "same.name"/);
  });
});

describe('parseJobsCommand', () => {
  it('reads failed, retry and delete', () => {
    expect(parseJobsCommand(['failed'])).toEqual({ action: 'failed', limit: 50, cursor: null });
    expect(parseJobsCommand(['failed', '--limit', '5', '--cursor', '42'])).toEqual({ action: 'failed', limit: 5, cursor: '42' });
    expect(parseJobsCommand(['retry', '7'])).toEqual({ action: 'retry', id: '7' });
    expect(parseJobsCommand(['delete', '7'])).toEqual({ action: 'delete', id: '7' });
  });

  it('describes what is wrong otherwise', () => {
    for (const args of [[], ['list'], ['failed', '--limit'], ['failed', '--limit', '0'], ['failed', '--limit', '1001'], ['failed', '--cursor', 'abc'], ['retry'], ['retry', 'x'], ['delete', '1', '2']]) {
      expect(typeof parseJobsCommand(args)).toBe('string');
    }
  });
});
