import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import type { LocationService } from './location.service.ts';
import * as s from './inventory.schemas.ts';
import type { StockService } from './stock.service.ts';
import type { ReservationService } from './reservation.service.ts';
import { DomainError } from '../../platform/errors.ts';

export interface InventoryServices {
  stock: StockService;
  locations: LocationService;
  reservations: ReservationService;
}

/** /api/v1/admin/inventory/…: stock levels, changes to them, the ledger, and locations. */
export function inventoryRoutes({ stock, locations, reservations }: InventoryServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['inventory'];
    const read = { permission: 'inventory:read' } as const;
    const write = { permission: 'inventory:write' } as const;
    r.get(
      '/inventory/stock-levels',
      { config: read, schema: { tags, summary: 'Stock per variant and location', querystring: s.stockLevelQuery, response: { 200: pageSchema(s.stockLevelSchema) } } },
      async (request) => {
        const { limit, cursor, ...filters } = request.query;
        return stock.list(ctxOf(request), filters, { limit, cursor });
      },
    );
    r.post(
      '/inventory/receipts',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Record goods received', body: s.receiveBody, response: { 200: s.stockLevelSchema } } },
      async (request) => stock.receive(ctxOf(request), request.body, auditOrigin(request)),
    );
    r.post(
      '/inventory/adjustments',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Adjust stock up or down, with a reason', body: s.adjustBody, response: { 200: s.stockLevelSchema } } },
      async (request) => stock.adjust(ctxOf(request), request.body, auditOrigin(request)),
    );
    r.post(
      '/inventory/counts',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Record a stock count; the difference goes to the ledger', body: s.countBody, response: { 200: s.stockLevelSchema } } },
      async (request) => stock.correctCount(ctxOf(request), request.body, auditOrigin(request)),
    );
    r.post(
      '/inventory/transfers',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Move stock between two locations', body: s.transferBody, response: { 200: s.transferResult } } },
      async (request) => stock.transfer(ctxOf(request), request.body, auditOrigin(request)),
    );
    r.put(
      '/inventory/thresholds',
      { config: write, schema: { tags, summary: 'Set or clear the low-stock alert level of a stock level', body: s.thresholdBody, response: { 200: s.stockLevelSchema } } },
      async (request) => stock.setThreshold(ctxOf(request), request.body, auditOrigin(request)),
    );
    r.get(
      '/inventory/variants/:id/movements',
      { config: read, schema: { tags, summary: "A variant's stock ledger, newest first", params: s.idParams, querystring: pageQuery, response: { 200: pageSchema(s.movementSchema) } } },
      async (request) => stock.ledger(ctxOf(request), request.params.id, request.query),
    );
    r.post(
      '/inventory/reservations',
      {
        config: { ...write, idempotent: true },
        schema: { tags, summary: 'Hold stock for a reference until committed, released or expired; 409 when not enough is available', body: s.reserveBody, response: { 201: s.reservationSchema } },
      },
      async (request, reply) => {
        const result = await reservations.reserve(ctxOf(request), request.body);
        if (!result.ok) {
          throw new DomainError('INVENTORY_INSUFFICIENT_STOCK_CONFLICT', `Only ${result.available} available at this location.`, [{ path: 'body.quantity', message: `exceeds the ${result.available} available` }]);
        }
        return reply.code(201).send(result.reservation);
      },
    );
    r.get(
      '/inventory/reservations/:id',
      { config: read, schema: { tags, summary: 'A stock reservation', params: s.idParams, response: { 200: s.reservationSchema } } },
      async (request) => reservations.find(ctxOf(request), request.params.id),
    );
    r.post(
      '/inventory/reservations/:id/commit',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'The reserved stock was sold: it leaves on-hand with a sale in the ledger', params: s.idParams, body: s.noBody, response: { 200: s.reservationSchema } } },
      async (request) => reservations.commit(ctxOf(request), request.params.id),
    );
    r.post(
      '/inventory/reservations/:id/release',
      { config: { ...write, idempotent: true }, schema: { tags, summary: 'Give the reserved stock back to available', params: s.idParams, body: s.noBody, response: { 200: s.reservationSchema } } },
      async (request) => reservations.release(ctxOf(request), request.params.id),
    );
    r.get(
      '/inventory/locations',
      { config: read, schema: { tags, summary: 'Stock locations (the default one is made on first use)', querystring: pageQuery, response: { 200: pageSchema(s.locationSchema) } } },
      async (request) => locations.list(ctxOf(request), request.query),
    );
    r.post(
      '/inventory/locations',
      { config: write, schema: { tags, summary: 'Add a warehouse or outlet', body: s.locationBody, response: { 201: s.locationSchema } } },
      async (request, reply) => reply.code(201).send(await locations.create(ctxOf(request), request.body, auditOrigin(request))),
    );
  };
}
