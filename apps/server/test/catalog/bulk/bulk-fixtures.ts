import type { LightMyRequestResponse } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { catalogTasks } from '../../../src/modules/catalog/index.ts';
import { stores } from '../../../src/modules/tenancy/tenancy.tables.ts';
import { inTransaction } from '../../../src/platform/db/transaction.ts';
import { startJobRunner, type JobRunner } from '../../../src/platform/jobs/job-runner.ts';
import { buildTestApp, testConfig, type TestApp } from '../../app.ts';
import { waitFor } from '../../jobs/harness.ts';
import { as, createStore, testRoleVerifier } from '../../security/fixtures.ts';

export interface BulkJob {
  id: string;
  kind: 'import' | 'export';
  dryRun: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  progressPercent: number;
  createdCount: number;
  updatedCount: number;
  errorCount: number;
  errors: Array<{ line: number; field: string | null; reason: string }>;
  errorsTruncated: boolean;
  failureReason: string | null;
  links: { self: string; file: string | null };
}

export interface BulkHarness {
  t: TestApp;
  store: string;
  runner: JobRunner;
  api(method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>, tenantId?: string): Promise<LightMyRequestResponse>;
  /** Posts the CSV and returns the queued job. */
  upload(csv: string, options?: { dryRun?: boolean; tenantId?: string }): Promise<BulkJob>;
  /** The job once it has succeeded or failed. */
  finished(id: string, timeoutMs?: number): Promise<BulkJob>;
  /** Uploads and waits for the outcome. */
  importCsv(csv: string, options?: { dryRun?: boolean }): Promise<BulkJob>;
  exportCsv(): Promise<{ job: BulkJob; csv: string }>;
  /** Every catalog row of the store, for "nothing changed" comparisons. */
  snapshot(): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

const CATALOG_TABLES = ['products', 'variants', 'product_categories', 'product_slug_redirects', 'brands', 'categories'];

/** An app and an in-process worker running the catalog's jobs, over one fresh database; the store's currency is EUR unless given. */
export async function bulkHarness(handle: string, options: { currency?: string } = {}): Promise<BulkHarness> {
  const t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  const store = await createStore(t.database, handle);
  if (options.currency) {
    const currency = options.currency;
    await inTransaction(t.database.db, { tenantId: null, platform: true }, (tx) => tx.update(stores).set({ defaultCurrency: currency }).where(eq(stores.id, store)));
  }
  const url = t.config.database.url!;
  const runner = await startJobRunner({ config: testConfig({ WORKER_POLL_MS: '100' }, url), databaseUrl: url, log: t.log, tasks: catalogTasks({ db: t.database.db }) });
  const h: BulkHarness = {
    t,
    store,
    runner,
    api: (method, path, payload, tenantId = store) => t.app.inject({ method, url: `/api/v1/admin/catalog${path}`, headers: as('manager', tenantId), ...(payload ? { payload } : {}) }),
    async upload(csv, options = {}) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/catalog/imports?dryRun=${options.dryRun ? 'true' : 'false'}&fileName=products.csv`,
        headers: { ...as('manager', options.tenantId ?? store), 'content-type': 'text/csv' },
        payload: csv,
      });
      if (res.statusCode !== 202) throw new Error(`import: ${res.statusCode} ${res.body}`);
      return res.json() as BulkJob;
    },
    async finished(id, timeoutMs = 20_000) {
      let job: BulkJob | undefined;
      await waitFor(
        async () => {
          job = (await h.api('GET', `/bulk-jobs/${id}`)).json() as BulkJob;
          return job.status === 'succeeded' || job.status === 'failed';
        },
        timeoutMs,
        `bulk job ${id}`,
      );
      return job!;
    },
    async importCsv(csv, options) {
      return h.finished((await h.upload(csv, options)).id);
    },
    async exportCsv() {
      const queued = await h.api('POST', '/exports', {});
      if (queued.statusCode !== 202) throw new Error(`export: ${queued.statusCode} ${queued.body}`);
      const job = await h.finished((queued.json() as BulkJob).id);
      const file = await h.api('GET', `/bulk-jobs/${job.id}/file`);
      if (file.statusCode !== 200) throw new Error(`export file: ${file.statusCode} ${file.body}`);
      return { job, csv: file.body };
    },
    async snapshot() {
      const out: Record<string, string[]> = {};
      await inTransaction(t.database.db, { tenantId: store }, async (tx) => {
        for (const table of CATALOG_TABLES) {
          const rows = await tx.execute(sql`select * from ${sql.identifier(table)} where tenant_id = ${store}`);
          out[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
        }
      });
      return out;
    },
    async close() {
      await runner.stop();
      await t.close();
    },
  };
  return h;
}

/** A CSV text from rows of cells, quoting where needed. */
export function csvOf(rows: string[][]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
}
