import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createMailer, mailTasks, queueMail, type Mailer } from '../../src/modules/mail/index.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { ServerState } from '../../src/platform/lifecycle/server-state.ts';
import { testConfig } from '../app.ts';
import { jobsHarness, waitFor, type JobsHarness } from '../jobs/harness.ts';

let h: JobsHarness;
const closing: Array<() => Promise<void>> = [];
beforeEach(async () => {
  h = await jobsHarness();
});
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await h.close();
});

async function appWith(config: Config, mailer: Mailer): Promise<App> {
  const app = await buildApp({ config, database: h.database, state: new ServerState(), log: h.log, mail: mailer });
  await app.ready();
  closing.push(() => app.close());
  return app;
}

function mailerFor(config: Config): Mailer {
  const mailer = createMailer(config, h.log);
  closing.push(() => mailer.close());
  return mailer;
}

describe('the development outbox', () => {
  it('receives a queued mail through the job, logs it in full, and serves it at GET /api/v1/dev/outbox', async () => {
    const config = testConfig({ PUBLIC_URL: 'https://shop.example.com' }, h.db.url);
    const mailer = mailerFor(config);
    const app = await appWith(config, mailer);
    await h.startRunner(mailTasks({ mailer, config, db: h.database.db, jobQueue: h.queue }));
    const { messageId } = await inTransaction(h.database.db, { tenantId: null }, (tx) =>
      queueMail(tx, h.queue, { type: 'login_code', to: 'ann@example.com', locale: 'nl', variables: { code: '482913', expiresInMinutes: 10 } }),
    );
    await waitFor(() => mailer.outbox!.list().length === 1, 10_000, 'the message');

    const logged = h.logs.find((l) => l.component === 'mail');
    expect(logged).toMatchObject({ level: 'info', mail: { id: messageId, to: ['ann@example.com'], subject: 'Je inlogcode', text: expect.stringContaining('482913') } });

    const res = await app.inject({ url: '/api/v1/dev/outbox' });
    expect(res.statusCode).toBe(200);
    const { data } = res.json() as { data: Array<Record<string, unknown>> };
    expect(data).toEqual([
      expect.objectContaining({ id: messageId, type: 'login_code', locale: 'nl', from: 'Winkel <no-reply@localhost>', to: ['ann@example.com'], subject: 'Je inlogcode', text: expect.stringContaining('482913'), html: expect.stringContaining('<html lang="nl">') }),
    ]);
    const route = app.routeCatalog.find((r) => r.url === '/api/v1/dev/outbox');
    expect(route?.schema?.response).toBeDefined();

    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('mail_sent_total{type="login_code",outcome="sent"} 1');
    expect(metrics.body).toContain('mail_sent_total{type="stock_low",outcome="permanent_failure"} 0');
  });

  it('is served in development and test only, and only while mail is not going out over SMTP', async () => {
    const devMailer = mailerFor(testConfig({}, h.db.url));
    const status = async (config: Config, mailer: Mailer) => (await (await appWith(config, mailer)).inject({ url: '/api/v1/dev/outbox' })).statusCode;

    expect(await status(loadConfig({ NODE_ENV: 'development', DATABASE_URL: h.db.url }), devMailer)).toBe(200);
    expect(await status(testConfig({}, h.db.url), devMailer)).toBe(200);
    const productionConfig = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: h.db.url,
      APP_SECRET: 'a-production-secret-of-more-than-32-bytes',
      PUBLIC_URL: 'https://shop.example.com',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'Shop <shop@example.com>',
    });
    // Even handed a mailer that keeps an outbox, a production app has no such route.
    expect(await status(productionConfig, devMailer)).toBe(404);
    expect(await status(testConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }, h.db.url), mailerFor(testConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }, h.db.url)))).toBe(404);
  });
});
