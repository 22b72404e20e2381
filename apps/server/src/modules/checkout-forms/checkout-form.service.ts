import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { checkoutFormView, type CheckoutFormView } from './checkout-form-view.ts';
import * as repo from './checkout-form.repository.ts';
import { formNotFound, isUniqueViolation, storeOf, type CheckoutFormsDeps } from './checkout-forms.deps.ts';
import { settleForm, type CheckoutFormInput, type CheckoutFormPatch } from './form-settings.ts';

const invalid = (errors: FieldError[]) => new DomainError('CHECKOUT_FORM_INVALID', `The checkout form is not valid: ${errors.map((e) => e.path).join(', ')}.`, errors);
const slugTaken = (slug: string) => new DomainError('CHECKOUT_FORM_SLUG_TAKEN', `This store has a checkout form with the slug "${slug}" already.`, [{ path: 'body.slug', message: 'is taken by another form of this store' }]);

export type FormListQuery = PageQuery & { status?: repo.CheckoutFormRow['status'] | undefined };

/** The store's checkout forms, for staff (docs/checkout-forms.md#managing-forms). */
export function createCheckoutFormService(deps: CheckoutFormsDeps) {
  const { db, cartSettings } = deps;

  async function load(tx: Tx, tenantId: string, id: string, lock: boolean) {
    const row = await repo.findForm(tx, tenantId, id, lock);
    if (!row) throw formNotFound();
    return { row, items: await repo.itemsOfForms(tx, tenantId, [id]) };
  }

  /** Slug clashes are refused by the unique index too, when two changes race. */
  async function guardSlug<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (slug !== undefined && isUniqueViolation(err)) throw slugTaken(slug);
      throw err;
    }
  }

  return {
    async list(ctx: Ctx, query: FormListQuery): Promise<Page<CheckoutFormView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const rows = await repo.listForms(tx, tenantId, query);
        const items = await repo.itemsOfForms(tx, tenantId, rows.map((r) => r.id));
        return pageOf(rows, query.limit, (row) => checkoutFormView(row, items.filter((i) => i.formId === row.id)));
      });
    },

    async get(ctx: Ctx, id: string): Promise<CheckoutFormView> {
      const tenantId = storeOf(ctx);
      const { row, items } = await inTransaction(db, { tenantId }, (tx) => load(tx, tenantId, id, false));
      return checkoutFormView(row, items);
    },

    create(ctx: Ctx, input: CheckoutFormInput, origin: AuditOrigin = {}): Promise<CheckoutFormView> {
      const tenantId = storeOf(ctx);
      return guardSlug(input.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const { columns, items, problems } = await settleForm(tx, tenantId, cartSettings, input, null);
          if (problems.length > 0) throw invalid(problems);
          if (await repo.slugTaken(tx, tenantId, input.slug)) throw slugTaken(input.slug);
          const row = await repo.insertForm(tx, tenantId, uuidv7(), columns);
          const view = checkoutFormView(row, await repo.replaceItems(tx, tenantId, row.id, items));
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'checkout_form.created', targetType: 'checkout_form', targetId: row.id, changes: { after: view } });
          return view;
        }),
      );
    },

    update(ctx: Ctx, id: string, patch: CheckoutFormPatch, origin: AuditOrigin = {}): Promise<CheckoutFormView> {
      const tenantId = storeOf(ctx);
      return guardSlug(patch.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const before = await load(tx, tenantId, id, true);
          const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as CheckoutFormPatch;
          const { columns, items, problems } = await settleForm(tx, tenantId, cartSettings, sent, before);
          if (problems.length > 0) throw invalid(problems);
          if (sent.slug !== undefined && (await repo.slugTaken(tx, tenantId, sent.slug, id))) throw slugTaken(sent.slug);
          const row = (await repo.updateForm(tx, tenantId, id, columns))!;
          const after = sent.items !== undefined ? await repo.replaceItems(tx, tenantId, id, items) : before.items;
          const view = checkoutFormView(row, after);
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'checkout_form.updated', targetType: 'checkout_form', targetId: id, changes: { before: checkoutFormView(before.row, before.items), after: view } });
          return view;
        }),
      );
    },

    /** Takes the form off the web at once: its public paths answer 404. A change of status brings it back. */
    async archive(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<CheckoutFormView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await load(tx, tenantId, id, true);
        const row = (await repo.updateForm(tx, tenantId, id, { status: 'archived' }))!;
        const view = checkoutFormView(row, before.items);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'checkout_form.archived', targetType: 'checkout_form', targetId: id, changes: { before: { status: before.row.status }, after: { status: 'archived' } } });
        return view;
      });
    },
  };
}

export type CheckoutFormService = ReturnType<typeof createCheckoutFormService>;
