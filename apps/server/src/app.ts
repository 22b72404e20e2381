import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { registerNotFound } from './platform/http/not-found.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { requestIdFor } from './platform/http/request-id.ts';
import { registerRouteCatalog } from './platform/http/route-catalog.ts';
import { registerAuthentication, type BearerVerifier } from './platform/http/authenticate.ts';
import { registerSecurity } from './platform/http/security.ts';
import './platform/http/route-config.ts';
import { databaseCheck, diskCheck, migrationsCheck, type HealthCheck } from './platform/health/checks.ts';
import { registerHealthRoutes } from './platform/health/health.routes.ts';
import { registerJobMetrics } from './platform/jobs/job-metrics.ts';
import { registerMaintenanceGuard } from './platform/lifecycle/maintenance.ts';
import { registerDevOutboxRoute, registerMailMetrics, type Mailer } from './modules/mail/index.ts';
import { registerSecurityModule } from './modules/security/index.ts';
import type { ServerState } from './platform/lifecycle/server-state.ts';
import { loggerOptions, type Logger } from './platform/logging/logger.ts';
import { registerHttpMetrics } from './platform/metrics/http-metrics.ts';
import { registerMetricsRoute } from './platform/metrics/metrics.routes.ts';
import { createRegistry, registerPoolMetrics, type Registry } from './platform/metrics/registry.ts';
import { registerRateLimit } from './platform/ratelimit/rate-limit.hook.ts';
import { createMemoryRateLimiter } from './platform/ratelimit/rate-limiter.memory.ts';
import type { RateLimiter } from './platform/ratelimit/rate-limiter.ts';
import { version } from './platform/version.ts';
import { createIdentityDeps, createIdentityServices, identityRoutes, ownerAccounts } from './modules/identity/index.ts';
import { createStoreAdminService, createStoreResolver, createStoreService, createStorefrontAccessService, storefrontAccessRoutes, tenancyRoutes } from './modules/tenancy/index.ts';
import { platformAdminRoutes } from './modules/platform-admin/index.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';
import { createCustomerDeps, registerCustomersModule, registerStorefrontGuard } from './modules/customers/index.ts';
import { registerSearchModule } from './modules/search/index.ts';
import { createMemoryCache } from './platform/cache/cache.memory.ts';
import type { Cache } from './platform/cache/cache.ts';
import { createLocationService, createReservationService, createStockService, hasStockHistory, inventoryRoutes } from './modules/inventory/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { checkoutSettingsRoutes } from './modules/checkout-settings/index.ts';
import { registerCartsModule } from './modules/carts/index.ts';
import { CONFIRMATION_NUDGE_WINDOW_MS, createCheckoutService, createOrderMetrics, QUEUE_CONFIRMATIONS_TASK, registerOrdersModule, type OrdersDeps } from './modules/orders/index.ts';
import { createJobNudger } from './platform/jobs/job-nudger.ts';
import { formTokenKey, registerCheckoutFormsModule } from './modules/checkout-forms/index.ts';
import { closeDeliveryWithOrder, createDeliveryMetrics, registerDeliveriesModule } from './modules/deliveries/index.ts';
import { createMollieProvider, createPaymentsDeps, createStripeProvider, orderPayments, registerPaymentsModule } from './modules/payments/index.ts';
import { registerStorefrontModule } from './modules/storefront/index.ts';
import { createNotificationListener, type NotificationListener } from './platform/db/notification-listener.ts';
import { createBlobStorage } from './platform/storage/blob-storage-factory.ts';
import { registerMediaRoutes } from './platform/storage/media.routes.ts';
import { mediaBaseOf } from './platform/storage/media-url.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  state: ServerState;
  /** A logger to share (tests pass a silent or capturing one); otherwise one is made from config. */
  log?: Logger;
  registry?: Registry;
  /** How bearer tokens are recognised (staff access tokens, API keys); none: every protected route answers 401. */
  bearerVerifiers?: BearerVerifier[];
  /** Checks beyond database, migrations and disk (Redis, …). */
  extraChecks?: HealthCheck[];
  /** Shared through Redis in the runtime; counted in this app alone when not given. */
  rateLimiter?: RateLimiter;
  /** The runtime's mailer: counted in mail_sent_total; its development outbox is served outside production. */
  mail?: Mailer;
  /** Shared through Redis in the runtime (storefront store resolution); this app's own memory when not given. */
  cache?: Cache;
  /** The runtime's database notice listener; when not given, the app opens its own on DATABASE_URL (tests). */
  notices?: NotificationListener;
}

export type App = FastifyInstance;


/** Builds the HTTP application from its parts. It does not listen; main.ts and the tests do. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, state } = deps;
  const app = Fastify({
    ...(deps.log ? { loggerInstance: deps.log as FastifyBaseLogger } : { logger: loggerOptions(config.logLevel) }),
    genReqId: requestIdFor,
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      // Probes and scrapes arrive every few seconds; logging each would drown the rest.
      disableRequestLogging: (request) => request.url.startsWith('/health') || request.url === '/metrics',
    }),
    // Fastify accepts a hop count at run time; its types omit it.
    trustProxy: config.http.trustProxy as boolean | string[],
    bodyLimit: config.http.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  registerRouteCatalog(app);
  registerAuthentication(app, deps.bearerVerifiers ?? []);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While shutting down, answers close their keep-alive connection so the server can finish closing.
  app.addHook('onSend', async (_request, reply) => {
    if (state.shuttingDown) reply.header('connection', 'close');
  });

  registerErrorHandler(app);
  registerNotFound(app);
  await registerSecurity(app, config);

  const registry = deps.registry ?? createRegistry();
  registerHttpMetrics(app, registry);
  registerPoolMetrics(registry, database.pool);
  registerJobMetrics(registry, database.db);
  registerMaintenanceGuard(app, state, config.lifecycle.maintenanceRetryAfterSeconds);
  registerRateLimit(app, deps.rateLimiter ?? createMemoryRateLimiter(config.rateLimits), registry);
  registerIdempotency(app, database.db, { retentionSeconds: config.idempotency.retentionHours * 3600, leaseSeconds: config.idempotency.leaseSeconds });

  await registerOpenApi(app, config);
  registerHealthRoutes(app, state, [
    databaseCheck(database.pool),
    migrationsCheck(database.pool),
    diskCheck(config.database.dataDir, config.lifecycle.minFreeDiskMb),
    ...(deps.extraChecks ?? []),
  ]);
  registerMetricsRoute(app, registry, config.http.metricsToken);
  if (deps.mail) {
    registerMailMetrics(app, registry, deps.mail);
    registerDevOutboxRoute(app, config, deps.mail);
  }

  await registerSecurityModule(app, { db: database.db });
  const identity = createIdentityDeps({ db: database.db, config, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }) });
  await app.register(identityRoutes(createIdentityServices(identity)), { prefix: '/api/v1/admin' });
  const stores = createStoreService({ db: database.db, createOwnerAccount: ownerAccounts(identity) });
  await app.register(tenancyRoutes(stores), { prefix: '/api/v1/admin' });
  await app.register(storefrontAccessRoutes(createStorefrontAccessService(database.db)), { prefix: '/api/v1/admin' });
  const inventory = { db: database.db, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }) };
  await app.register(inventoryRoutes({ stock: createStockService(inventory), locations: createLocationService(inventory), reservations: createReservationService(inventory) }), { prefix: '/api/v1/admin' });
  const storage = createBlobStorage(config);
  registerMediaRoutes(app, storage);
  const media = { storage, urls: mediaBaseOf(config), uploadMaxBytes: config.media.uploadMaxBytes };
  await app.register(catalogRoutes({ db: database.db, hasStockHistory, media, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }) }), { prefix: '/api/v1/admin' });
  await app.register(checkoutSettingsRoutes({ db: database.db }), { prefix: '/api/v1/admin' });
  const storeResolver = createStoreResolver(database.db, deps.cache ?? createMemoryCache());
  const customerDeps = createCustomerDeps(identity, storeResolver);
  await registerCustomersModule(app, customerDeps);
  await registerSearchModule(app, { reader: database.reader, media: mediaBaseOf(config), storefrontGuard: (scope) => registerStorefrontGuard(scope, customerDeps) });
  await registerCartsModule(app, { db: database.db, settings: config.carts, storefrontGuard: (scope) => registerStorefrontGuard(scope, customerDeps) });
  const orderMetrics = createOrderMetrics(registry);
  const confirmations = createJobNudger({ db: database.db, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }), task: QUEUE_CONFIRMATIONS_TASK, log: app.log as Logger, windowMs: CONFIRMATION_NUDGE_WINDOW_MS });
  app.addHook('onClose', () => confirmations.close());
  const ordersDeps: OrdersDeps = {
    db: database.db,
    jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }),
    metrics: orderMetrics,
    confirmations,
    cartTtlDays: config.carts.ttlDays,
    afterStatusMove: closeDeliveryWithOrder,
    payments: orderPayments,
  };
  await registerOrdersModule(app, { ...ordersDeps, storefrontGuard: (scope) => registerStorefrontGuard(scope, customerDeps) });
  await registerDeliveriesModule(app, { db: database.db, metrics: createDeliveryMetrics(registry), orderMetrics, now: () => new Date() });
  await registerCheckoutFormsModule(app, {
    db: database.db,
    checkout: createCheckoutService(ordersDeps),
    cartSettings: config.carts,
    tokenKey: formTokenKey(config.appSecret),
  });
  // Online payment providers are chosen here; each store still needs its own account with one.
  await registerPaymentsModule(app, {
    ...createPaymentsDeps({ db: database.db, appSecret: config.appSecret, publicUrl: config.publicUrl, providers: { stripe: createStripeProvider({ apiUrl: config.payments.stripeApiUrl }), mollie: createMollieProvider({ apiUrl: config.payments.mollieApiUrl }) } }),
    orderMetrics,
    registry,
    storefrontGuard: (scope) => registerStorefrontGuard(scope, customerDeps),
  });
  const notices = deps.notices ?? (config.database.url ? createNotificationListener({ url: config.database.url, log: app.log as Logger }) : null);
  if (notices && !deps.notices) app.addHook('onClose', () => notices.close());
  await registerStorefrontModule(app, { reader: database.reader, config, stores: storeResolver, notices, log: app.log as Logger });
  // Unset token: the operator API is not registered at all, so its paths answer 404 like any unknown path.
  if (config.platformAdminToken) {
    const platformAdmin = platformAdminRoutes({ token: config.platformAdminToken, stores, storeAdmin: createStoreAdminService({ db: database.db }) });
    await app.register(platformAdmin, { prefix: '/api/v1/platform' });
  }

  await app.register(
    async (api) => {
      api.withTypeProvider<ZodTypeProvider>().get(
        '/',
        {
          schema: {
            tags: ['meta'],
            summary: 'What this server is',
            response: { 200: z.object({ name: z.literal('winkel'), version: z.string(), docs: z.string(), openapi: z.string() }) },
          },
        },
        async () => ({ name: 'winkel' as const, version, docs: `${config.publicUrl}/docs`, openapi: `${config.publicUrl}/api/v1/openapi.json` }),
      );
    },
    { prefix: '/api/v1' },
  );

  return app;
}
