import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { isUniqueViolation, notFound, storeOf, type CatalogDeps } from './catalog.deps.ts';
import * as repo from './category.repository.ts';
import { nextFreeSlug, slugify } from './slug.ts';

export interface CategoryView {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  description: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}
export interface CategoryTreeView extends CategoryView {
  children: CategoryTreeView[];
}
export interface CategoryInput {
  name: string;
  slug?: string | undefined;
  description?: string | null | undefined;
  parentId?: string | null | undefined;
  position?: number | undefined;
}
export type CategoryPatch = Partial<Omit<CategoryInput, 'parentId'>>;

const view = (r: repo.CategoryRow): CategoryView => ({
  id: r.id,
  parentId: r.parentId,
  name: r.name,
  slug: r.slug,
  description: r.description,
  position: r.position,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const slugTaken = (slug: string) => new DomainError('CATALOG_CATEGORY_SLUG_TAKEN', `Another category has the slug "${slug}".`, [{ path: 'body.slug', message: 'is already in use' }]);
const unknownParent = () => new DomainError('CATALOG_CATEGORY_PARENT_UNKNOWN', 'The parent is not a category of this store.', [{ path: 'body.parentId', message: 'is not a category of this store' }]);

/** Categories as a tree per store: parent, position among siblings, subtree moves without cycles. */
export function createCategoryService({ db }: CatalogDeps) {
  async function found(tx: Tx, tenantId: string, id: string): Promise<repo.CategoryRow> {
    const row = await repo.findCategory(tx, tenantId, id);
    if (!row) throw notFound('category');
    return row;
  }
  async function guarded<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTaken(slug ?? '');
      throw err;
    }
  }
  return {
    async get(ctx: Ctx, id: string): Promise<CategoryView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => view(await found(tx, tenantId, id)));
    },
    async list(ctx: Ctx, page: PageQuery): Promise<Page<CategoryView>> {
      const tenantId = storeOf(ctx);
      return pageOf(await inTransaction(db, { tenantId }, (tx) => repo.listCategories(tx, tenantId, page)), page.limit, view);
    },
    /** A page of top-level categories, each with its whole subtree, children ordered by position. */
    async tree(ctx: Ctx, page: PageQuery): Promise<Page<CategoryTreeView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const roots = await repo.listCategories(tx, tenantId, page, true);
        const shown = roots.slice(0, page.limit);
        const below = await repo.listDescendants(tx, tenantId, shown.map((r) => r.id));
        const nodes = new Map<string, CategoryTreeView>();
        for (const r of [...shown, ...below]) nodes.set(r.id, { ...view(r), children: [] });
        for (const r of below) nodes.get(r.parentId!)?.children.push(nodes.get(r.id)!);
        return pageOf(roots, page.limit, (r) => nodes.get(r.id)!);
      });
    },
    async create(ctx: Ctx, input: CategoryInput, origin: AuditOrigin = {}): Promise<CategoryView> {
      const tenantId = storeOf(ctx);
      return guarded(input.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          if (input.parentId && !(await repo.findCategory(tx, tenantId, input.parentId))) throw unknownParent();
          const slug = input.slug ?? nextFreeSlug(slugify(input.name), await repo.categorySlugsLike(tx, tenantId, slugify(input.name)));
          const row = await repo.insertCategory(tx, { id: uuidv7(), tenantId, name: input.name, slug, description: input.description ?? null, parentId: input.parentId ?? null, position: input.position ?? 0 });
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'category.created', targetType: 'category', targetId: row.id, changes: { after: view(row) } });
          return view(row);
        }),
      );
    },
    async update(ctx: Ctx, id: string, patch: CategoryPatch, origin: AuditOrigin = {}): Promise<CategoryView> {
      const tenantId = storeOf(ctx);
      return guarded(patch.slug, () =>
        inTransaction(db, { tenantId }, async (tx) => {
          const before = await found(tx, tenantId, id);
          const row = (await repo.updateCategory(tx, tenantId, id, patch))!;
          await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'category.updated', targetType: 'category', targetId: id, changes: { before: view(before), after: view(row) } });
          return view(row);
        }),
      );
    },
    /** Moves a category with its subtree under another parent (null: the top level); refuses to make a cycle. */
    async move(ctx: Ctx, id: string, to: { parentId: string | null; position?: number | undefined }, origin: AuditOrigin = {}): Promise<CategoryView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        await repo.lockCategoryTree(tx, tenantId);
        const before = await found(tx, tenantId, id);
        if (to.parentId) {
          if (!(await repo.findCategory(tx, tenantId, to.parentId))) throw unknownParent();
          if (await repo.isInSubtree(tx, tenantId, id, to.parentId)) {
            throw new DomainError('CATALOG_CATEGORY_CYCLE', 'A category cannot move under itself or one of its descendants.', [{ path: 'body.parentId', message: 'is this category or one below it' }]);
          }
        }
        const row = (await repo.updateCategory(tx, tenantId, id, { parentId: to.parentId, ...(to.position === undefined ? {} : { position: to.position }) }))!;
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'category.moved', targetType: 'category', targetId: id, changes: { before: { parentId: before.parentId, position: before.position }, after: { parentId: row.parentId, position: row.position } } });
        return view(row);
      });
    },
    /** Refuses while the category has subcategories or products: nothing is orphaned or silently unlinked. */
    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        await repo.lockCategoryTree(tx, tenantId);
        const before = await found(tx, tenantId, id);
        if (await repo.hasChildren(tx, tenantId, id)) throw new DomainError('CATALOG_CATEGORY_HAS_CHILDREN', 'Move or delete its subcategories first.');
        if (await repo.hasProducts(tx, tenantId, id)) throw new DomainError('CATALOG_CATEGORY_IN_USE', 'Products are still in this category; take them out first.');
        await repo.deleteCategory(tx, tenantId, id);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'category.deleted', targetType: 'category', targetId: id, changes: { before: view(before) } });
      });
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
