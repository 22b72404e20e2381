import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { storeOf, type CheckoutSettingsDeps } from './checkout-settings.deps.ts';
import { shippingMethodColumns, type ShippingMethodFields } from './shipping-method-rules.ts';
import { shippingMethodView as view, type ShippingMethodView } from './shipping-method-view.ts';
import * as repo from './shipping-method.repository.ts';
import { storeCurrency } from './store-currency.ts';

const notFound = () => new DomainError('SHIPPING_METHOD_NOT_FOUND', 'This store has no shipping method with this id.');
const invalid = (errors: FieldError[]) => new DomainError('SHIPPING_METHOD_INVALID', `The shipping method is not valid: ${errors.map((e) => e.path).join(', ')}.`, errors);

/** What the stored row says, in the API's terms, so a change can be laid over it. */
function fieldsOf(row: repo.ShippingMethodRow): ShippingMethodFields {
  const v = view(row);
  return { name: v.name, kind: v.kind, price: v.price, freeFrom: v.freeFrom, codFee: v.codFee, active: v.active, position: v.position };
}

/** The store's shipping methods (docs/checkout.md#shipping-methods). */
export function createShippingMethodService({ db }: CheckoutSettingsDeps) {
  return {
    async list(ctx: Ctx, page: PageQuery): Promise<Page<ShippingMethodView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listShippingMethods(tx, tenantId, page)), page.limit, view);
    },
    async get(ctx: Ctx, id: string): Promise<ShippingMethodView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findShippingMethod(tx, tenantId, id));
      if (!row) throw notFound();
      return view(row);
    },
    async create(ctx: Ctx, input: ShippingMethodFields, origin: AuditOrigin = {}): Promise<ShippingMethodView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const { columns, errors } = shippingMethodColumns(input, input, await storeCurrency(tx, tenantId));
        if (errors.length > 0) throw invalid(errors);
        const row = await repo.insertShippingMethod(tx, tenantId, uuidv7(), columns);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'shipping_method.created', targetType: 'shipping_method', targetId: row.id, changes: { after: view(row) } });
        return view(row);
      });
    },
    async update(ctx: Ctx, id: string, patch: Partial<ShippingMethodFields>, origin: AuditOrigin = {}): Promise<ShippingMethodView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await repo.findShippingMethod(tx, tenantId, id);
        if (!before) throw notFound();
        const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ShippingMethodFields>;
        const { columns, errors } = shippingMethodColumns({ ...fieldsOf(before), ...sent }, sent, await storeCurrency(tx, tenantId));
        if (errors.length > 0) throw invalid(errors);
        const row = (await repo.updateShippingMethod(tx, tenantId, id, columns))!;
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'shipping_method.updated', targetType: 'shipping_method', targetId: id, changes: { before: view(before), after: view(row) } });
        return view(row);
      });
    },
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.deleteShippingMethod(tx, tenantId, id);
        if (!row) throw notFound();
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'shipping_method.deleted', targetType: 'shipping_method', targetId: id, changes: { before: view(row) } });
      });
    },
  };
}

export type ShippingMethodService = ReturnType<typeof createShippingMethodService>;
