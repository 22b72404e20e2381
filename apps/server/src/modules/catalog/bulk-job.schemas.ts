import { z } from 'zod';
import { BULK_JOB_KINDS, BULK_JOB_STATUSES } from './catalog.tables.ts';

export const importQuery = z
  .object({
    dryRun: z.stringbool().default(false).describe('true: only check the file and report; nothing is written'),
    fileName: z.string().max(255).optional().describe('The file name to show with the job'),
  })
  .strict();

export const csvBody = z.string().min(1, 'is empty: send the CSV file as the body').describe('The CSV file (Content-Type: text/csv)');

const links = z.object({ self: z.string(), file: z.string().nullable().describe('Download of an export, once it has succeeded') });

export const bulkJobSchema = z.object({
  id: z.uuid(),
  kind: z.enum(BULK_JOB_KINDS),
  dryRun: z.boolean(),
  status: z.enum(BULK_JOB_STATUSES),
  fileName: z.string().nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  progressPercent: z.number().int().min(0).max(100),
  createdCount: z.number().int().describe('Rows whose variant was (or, in a dry run, would be) created'),
  updatedCount: z.number().int().describe('Rows whose variant or product was (or would be) changed'),
  errorCount: z.number().int().describe('Every row error found, also beyond the ones listed'),
  failureReason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  links,
});

export const bulkJobDetailSchema = bulkJobSchema.extend({
  errors: z.array(z.object({ line: z.number().int().describe('1 is the header'), field: z.string().nullable(), reason: z.string() })).describe('The first 1,000 errors by line'),
  errorsTruncated: z.boolean(),
});
