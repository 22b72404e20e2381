import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { isUniqueViolation, storeOf, type CheckoutSettingsDeps } from './checkout-settings.deps.ts';
import * as repo from './tax-rate.repository.ts';

export interface TaxRateView {
  id: string;
  taxClass: string;
  ratePpm: number;
  createdAt: string;
  updatedAt: string;
}
export interface TaxRateInput {
  taxClass: string;
  ratePpm: number;
}

const view = (r: repo.TaxRateRow): TaxRateView => ({ id: r.id, taxClass: r.taxClass, ratePpm: r.ratePpm, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });
const notFound = () => new DomainError('TAX_RATE_NOT_FOUND', 'This store has no tax rate with this id.');

async function guarded<T>(taxClass: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('TAX_CLASS_TAKEN', `The tax class "${taxClass ?? ''}" already has a rate in this store.`, [{ path: 'body.taxClass', message: 'already has a rate' }]);
    throw err;
  }
}

/** The store's tax rate per tax class (docs/checkout.md#tax). */
export function createTaxRateService({ db }: CheckoutSettingsDeps) {
  return {
    async list(ctx: Ctx, page: PageQuery): Promise<Page<TaxRateView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listTaxRates(tx, tenantId, page)), page.limit, view);
    },
    async get(ctx: Ctx, id: string): Promise<TaxRateView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findTaxRate(tx, tenantId, id));
      if (!row) throw notFound();
      return view(row);
    },
    async create(ctx: Ctx, input: TaxRateInput, origin: AuditOrigin = {}): Promise<TaxRateView> {
      const tenantId = storeOf(ctx);
      return guarded(input.taxClass, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const row = await repo.insertTaxRate(tx, { id: uuidv7(), tenantId, taxClass: input.taxClass, ratePpm: input.ratePpm });
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'tax_rate.created', targetType: 'tax_rate', targetId: row.id, changes: { after: view(row) } });
          return view(row);
        }),
      );
    },
    async update(ctx: Ctx, id: string, patch: Partial<TaxRateInput>, origin: AuditOrigin = {}): Promise<TaxRateView> {
      const tenantId = storeOf(ctx);
      return guarded(patch.taxClass, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const before = await repo.findTaxRate(tx, tenantId, id);
          if (!before) throw notFound();
          const row = (await repo.updateTaxRate(tx, tenantId, id, patch))!;
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'tax_rate.updated', targetType: 'tax_rate', targetId: id, changes: { before: view(before), after: view(row) } });
          return view(row);
        }),
      );
    },
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.deleteTaxRate(tx, tenantId, id);
        if (!row) throw notFound();
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'tax_rate.deleted', targetType: 'tax_rate', targetId: id, changes: { before: view(row) } });
      });
    },
  };
}

export type TaxRateService = ReturnType<typeof createTaxRateService>;
