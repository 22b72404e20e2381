import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { notFound, storeOf, type CatalogDeps } from './catalog.deps.ts';
import { lockProduct } from './product.repository.ts';
import * as repo from './variant.repository.ts';
import { assertSkusFree, checkCurrency, skuTaken, storeCurrency, variantFields, variantView, violatedConstraint, type VariantInput, type VariantView } from './variant-rules.ts';

async function translated<T>(work: () => Promise<T>, sku: string | undefined): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (violatedConstraint(err) === 'variants_tenant_sku_key') throw skuTaken(sku ?? '', 'body.sku');
    throw err;
  }
}

/** The product, locked so that variant changes to one product are serialised; 404 when the store has no such product. */
async function lockedProduct(tx: Tx, tenantId: string, productId: string): Promise<void> {
  if (!(await lockProduct(tx, tenantId, productId))) throw notFound('product');
}

async function foundVariant(tx: Tx, tenantId: string, productId: string, id: string): Promise<repo.VariantRow> {
  await lockedProduct(tx, tenantId, productId);
  const row = await repo.findVariantOf(tx, tenantId, productId, id);
  if (!row) throw notFound('variant');
  return row;
}

/** Variants of a product: SKU unique per store, prices in the store's currency, never fewer than one. */
export function createVariantService({ db, hasStockHistory }: CatalogDeps) {
  return {
    async add(ctx: Ctx, productId: string, input: VariantInput, origin: AuditOrigin = {}): Promise<VariantView> {
      const tenantId = storeOf(ctx);
      return translated(
        () =>
          inTransaction(db, { tenantId }, async (tx) => {
            await lockedProduct(tx, tenantId, productId);
            checkCurrency(input, await storeCurrency(tx, tenantId), 'body');
            if (Object.keys(input.optionValues ?? {}).length === 0) {
              throw new DomainError('CATALOG_VARIANT_OPTIONS_REQUIRED', 'A further variant needs option values to tell it apart.', [{ path: 'body.optionValues', message: 'must not be empty' }]);
            }
            if ((await repo.variantsOf(tx, tenantId, productId)).some((v) => Object.keys(v.optionValues).length === 0)) {
              throw new DomainError('CATALOG_VARIANT_OPTIONS_REQUIRED', 'Give the default variant option values before adding another.', [{ path: 'body.optionValues', message: 'the existing default variant has none yet' }]);
            }
            await assertSkusFree(tx, tenantId, [{ sku: input.sku, path: 'body.sku' }]);
            const [row] = await repo.insertVariants(tx, tenantId, productId, [{ ...variantFields(input), sku: input.sku, priceAmount: input.price.amount, currency: input.price.currency }]);
            const made = variantView(row!);
            await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'variant.created', targetType: 'variant', targetId: made.id, changes: { after: made } });
            return made;
          }),
        input.sku,
      );
    },
    async update(ctx: Ctx, productId: string, id: string, patch: Partial<VariantInput>, origin: AuditOrigin = {}): Promise<VariantView> {
      const tenantId = storeOf(ctx);
      return translated(
        () =>
          inTransaction(db, { tenantId }, async (tx) => {
            const before = await foundVariant(tx, tenantId, productId, id);
            checkCurrency(patch, await storeCurrency(tx, tenantId), 'body');
            if (patch.sku !== undefined) await assertSkusFree(tx, tenantId, [{ sku: patch.sku, path: 'body.sku' }], id);
            const row = await repo.updateVariant(tx, tenantId, id, variantFields(patch));
            await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'variant.updated', targetType: 'variant', targetId: id, changes: { before: variantView(before), after: variantView(row) } });
            return variantView(row);
          }),
        patch.sku,
      );
    },
    /** Refuses to delete a product's last variant (a product always has one to sell) or one with stock history (the ledger is kept). */
    async remove(ctx: Ctx, productId: string, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const before = await foundVariant(tx, tenantId, productId, id);
        if ((await repo.countVariants(tx, tenantId, productId)) <= 1) throw new DomainError('CATALOG_LAST_VARIANT', 'A product keeps at least one variant; archive the product instead.');
        if (await hasStockHistory?.(tx, tenantId, id)) throw new DomainError('CATALOG_VARIANT_HAS_STOCK_HISTORY', 'This variant has stock history, which deleting it would erase; stop tracking its stock or archive the product instead.');
        await repo.deleteVariant(tx, tenantId, id);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'variant.deleted', targetType: 'variant', targetId: id, changes: { before: variantView(before) } });
      });
    },
  };
}

export type VariantService = ReturnType<typeof createVariantService>;
