import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { pageOf, type Page } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { isStillReferenced, isUniqueViolation, storeOf, type CheckoutSettingsDeps } from './checkout-settings.deps.ts';
import { discountColumns, type DiscountColumns, type DiscountFields } from './discount-rules.ts';
import { discountFieldsOf, discountView as view, type DiscountView } from './discount-view.ts';
import * as repo from './discount.repository.ts';
import { storeCurrency } from './store-currency.ts';

const notFound = () => new DomainError('DISCOUNT_NOT_FOUND', 'This store has no discount with this id.');
const invalid = (errors: FieldError[]) => new DomainError('DISCOUNT_INVALID', `The discount is not valid: ${errors.map((e) => e.path).join(', ')}.`, errors);
const codeTaken = (code: string | null | undefined) => new DomainError('DISCOUNT_CODE_TAKEN', `Another discount of this store has the code "${code ?? ''}" (codes are compared without case).`, [{ path: 'body.code', message: 'is already in use' }]);

async function guarded<T>(code: string | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(code);
    throw err;
  }
}

/** A field error for each product or category of the scope that is not the store's. */
async function scopeErrors(tx: Tx, tenantId: string, columns: DiscountColumns): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [table, field, ids] of [['products', 'productIds', columns.productIds], ['categories', 'categoryIds', columns.categoryIds]] as const) {
    const unknown = new Set(await repo.unknownIds(tx, tenantId, table, ids));
    ids.forEach((id, i) => unknown.has(id) && errors.push({ path: `body.scope.${field}.${i}`, message: `is not a ${table === 'products' ? 'product' : 'category'} of this store` }));
  }
  return errors;
}

/** Checks a discount's columns against the store; throws DISCOUNT_INVALID (422) naming each field at fault, DISCOUNT_CODE_TAKEN (409) for a code in use. */
async function checked(tx: Tx, tenantId: string, merged: DiscountFields, sent: Partial<DiscountFields>, current?: repo.DiscountRow): Promise<DiscountColumns> {
  const { columns, errors } = discountColumns(merged, sent, await storeCurrency(tx, tenantId), current?.timesUsed ?? 0);
  errors.push(...(await scopeErrors(tx, tenantId, columns)));
  if (errors.length > 0) throw invalid(errors);
  if (columns.code) {
    const holder = await repo.findDiscountByCode(tx, tenantId, columns.code);
    if (holder && holder.id !== current?.id) throw codeTaken(columns.code);
  }
  return columns;
}

/** The store's discounts (docs/checkout.md#discounts). */
export function createDiscountService({ db }: CheckoutSettingsDeps) {
  return {
    async list(ctx: Ctx, page: { limit: number; cursor?: string | undefined; code?: string | undefined }): Promise<Page<DiscountView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listDiscounts(tx, tenantId, page)), page.limit, view);
    },
    async get(ctx: Ctx, id: string): Promise<DiscountView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findDiscount(tx, tenantId, id));
      if (!row) throw notFound();
      return view(row);
    },
    async create(ctx: Ctx, input: DiscountFields, origin: AuditOrigin = {}): Promise<DiscountView> {
      const tenantId = storeOf(ctx);
      return guarded(input.code, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const row = await repo.insertDiscount(tx, tenantId, uuidv7(), await checked(tx, tenantId, input, input));
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'discount.created', targetType: 'discount', targetId: row.id, changes: { after: view(row) } });
          return view(row);
        }),
      );
    },
    async update(ctx: Ctx, id: string, patch: Partial<DiscountFields>, origin: AuditOrigin = {}): Promise<DiscountView> {
      const tenantId = storeOf(ctx);
      return guarded(patch.code, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const before = await repo.findDiscount(tx, tenantId, id);
          if (!before) throw notFound();
          const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<DiscountFields>;
          const row = (await repo.updateDiscount(tx, tenantId, id, await checked(tx, tenantId, { ...discountFieldsOf(before), ...sent }, sent, before)))!;
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'discount.updated', targetType: 'discount', targetId: id, changes: { before: view(before), after: view(row) } });
          return view(row);
        }),
      );
    },
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      try {
        await inTransaction(db, { tenantId }, async (tx) => {
          const row = await repo.deleteDiscount(tx, tenantId, id);
          if (!row) throw notFound();
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'discount.deleted', targetType: 'discount', targetId: id, changes: { before: view(row) } });
        });
      } catch (err) {
        if (isStillReferenced(err)) throw new DomainError('DISCOUNT_IN_USE_CONFLICT', 'This discount has been used on orders and cannot be deleted; set active to false instead.');
        throw err;
      }
    },
  };
}

export type DiscountService = ReturnType<typeof createDiscountService>;
