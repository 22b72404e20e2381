import type { FastifyInstance } from 'fastify';
import { cashReconciliationRoutes } from './cash-reconciliation.routes.ts';
import { createCashReconciliationService } from './cash-reconciliation.service.ts';
import type { DeliveriesDeps } from './deliveries.deps.ts';
import { createDeliveryAssignmentService } from './delivery-assignment.service.ts';
import { createDeliveryAttemptService } from './delivery-attempt.service.ts';
import { deliveryDeskRoutes } from './delivery-desk.routes.ts';
import { createDeliveryDeskService } from './delivery-desk.service.ts';
import { deliveryRoundRoutes } from './delivery-round.routes.ts';
import { createDeliveryRoundService } from './delivery-round.service.ts';

/** Mounts the delivery desk, the agents' rounds and the cash reconciliation under /api/v1/admin. */
export async function registerDeliveriesModule(app: FastifyInstance, deps: DeliveriesDeps): Promise<void> {
  await app.register(deliveryDeskRoutes(createDeliveryDeskService(deps), createDeliveryAssignmentService(deps)), { prefix: '/api/v1/admin' });
  await app.register(deliveryRoundRoutes(createDeliveryRoundService(deps), createDeliveryAttemptService(deps)), { prefix: '/api/v1/admin' });
  await app.register(cashReconciliationRoutes(createCashReconciliationService(deps)), { prefix: '/api/v1/admin' });
}
