import { sql } from 'drizzle-orm';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import { publicationTime, type Snapshot } from './listing.repository.ts';
import { nextPublication, ONE_ROW, visibleProduct } from './product-filter.repository.ts';
import { selectPrepared } from './prepared-select.repository.ts';

export interface CategoryCountRow {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  description: string | null;
  position: number;
  productCount: number;
}

/** Every category of the store with the number of visible products in it or below it. */
export async function categoriesWithCounts(reader: TenantReader, tenantId: string): Promise<Snapshot<CategoryCountRow[]>> {
  const [row] = await selectPrepared(
    reader,
    tenantId,
    {
      nextPublication: nextPublication(tenantId),
      categories: sql<CategoryCountRow[]>`coalesce((
        with recursive
        cats as (select c.id, c.parent_id, c.slug, c.name, c.description, c.position from categories c where c.tenant_id = ${tenantId}),
        closure(ancestor, descendant, depth) as (
          select c.id, c.id, 0 from cats c
          union all
          select cl.ancestor, c.id, cl.depth + 1 from closure cl join cats c on c.parent_id = cl.descendant where cl.depth < 50
        ),
        counts as (
          select cl.ancestor, count(distinct p.id) as n
          from closure cl
          join product_categories pc on pc.tenant_id = ${tenantId} and pc.category_id = cl.descendant
          join products p on p.id = pc.product_id and ${visibleProduct(tenantId)}
          group by cl.ancestor
        )
        select json_agg(json_build_object('id', c.id, 'parentId', c.parent_id, 'slug', c.slug, 'name', c.name, 'description', c.description,
          'position', c.position, 'productCount', coalesce(n.n, 0)) order by c.position, c.id)
        from cats c left join counts n on n.ancestor = c.id
      ), '[]'::json)`,
    },
    ONE_ROW,
  );
  return { settings: null, nextPublicationAt: publicationTime(row!.nextPublication), value: row!.categories };
}
