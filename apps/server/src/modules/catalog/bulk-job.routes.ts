import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import { auditOrigin } from '../security/index.ts';
import type { BulkJobService, BulkJobView } from './bulk-job.service.ts';
import * as s from './bulk-job.schemas.ts';
import { idParams } from './catalog.schemas.ts';

/** The largest CSV an import accepts (about 200,000 variant rows without long descriptions). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const PREFIX = '/api/v1/admin/catalog/bulk-jobs';

const read = { permission: 'catalog:read' } as const;
const write = { permission: 'catalog:write' } as const;

const withLinks = <T extends BulkJobView>(job: T) => ({
  ...job,
  links: { self: `${PREFIX}/${job.id}`, file: job.kind === 'export' && job.status === 'succeeded' ? `${PREFIX}/${job.id}/file` : null },
});

/** /api/v1/admin/catalog/imports, exports and bulk-jobs: CSV import and export run as background jobs. */
export function bulkJobRoutes(jobs: BulkJobService): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['catalog'];
    r.post(
      '/catalog/imports',
      {
        config: write,
        bodyLimit: IMPORT_MAX_BYTES,
        schema: { tags, summary: 'Import a catalog CSV (create or update by SKU) in the background', consumes: ['text/csv'], querystring: s.importQuery, body: s.csvBody, response: { 202: s.bulkJobDetailSchema } },
        // After authentication (which needs no body), before the body is checked: the body must be CSV.
        preValidation: async (request, reply) => {
          const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (type !== 'text/csv') return sendProblem(request, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as the body with Content-Type: text/csv.');
        },
      },
      async (request, reply) => reply.code(202).send(withLinks(await jobs.requestImport(ctxOf(request), request.body, request.query, auditOrigin(request)))),
    );
    r.post(
      '/catalog/exports',
      { config: write, schema: { tags, summary: 'Export the whole catalog as CSV in the background', body: z.object({}).strict().nullish().describe('None, or {}'), response: { 202: s.bulkJobDetailSchema } } },
      async (request, reply) => reply.code(202).send(withLinks(await jobs.requestExport(ctxOf(request), auditOrigin(request)))),
    );
    r.get('/catalog/bulk-jobs', { config: read, schema: { tags, summary: 'Imports and exports, newest first', querystring: pageQuery, response: { 200: pageSchema(s.bulkJobSchema) } } }, async (request) => {
      const page = await jobs.list(ctxOf(request), request.query);
      return { ...page, data: page.data.map(withLinks) };
    });
    r.get(
      '/catalog/bulk-jobs/:id',
      { config: read, schema: { tags, summary: 'An import or export: status, progress, counts and row errors', params: idParams, response: { 200: s.bulkJobDetailSchema } } },
      async (request) => withLinks(await jobs.get(ctxOf(request), request.params.id)),
    );
    r.get(
      '/catalog/bulk-jobs/:id/file',
      { config: read, schema: { tags, summary: 'Download the CSV of a succeeded export (409 until then)', params: idParams, produces: ['text/csv'], response: { 200: z.string().describe('The CSV file') } } },
      async (request, reply) => {
        const { fileName, csv } = await jobs.file(ctxOf(request), request.params.id);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
      },
    );
  };
}
