import { sql } from 'drizzle-orm';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import { imageJson, publicationTime, variantsJson, type ImageRow, type Snapshot, type VariantRow } from './listing.repository.ts';
import { nextPublication, ONE_ROW, storeSettings, visibleProduct } from './product-filter.repository.ts';
import { selectPrepared } from './prepared-select.repository.ts';

export interface ProductDetailRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  seoTitle: string | null;
  seoDescription: string | null;
  featured: boolean;
  tags: string[];
  attributes: Record<string, string>;
  brand: { slug: string; name: string } | null;
  minPrice: number;
  maxPrice: number;
  publishedAt: string;
  variants: VariantRow[];
  images: ImageRow[] | null;
  categories: Array<{ slug: string; name: string; breadcrumbs: Array<{ slug: string; name: string }> }> | null;
}

/** A visible product by its slug, or the slug it now has when `slug` is an old one of a visible product. */
export type DetailLookup = { product: ProductDetailRow } | { movedTo: string } | null;

/** The product page in one statement: product, brand, variants with stock, images, categories with their breadcrumbs. */
export async function productBySlug(reader: TenantReader, tenantId: string, slug: string): Promise<Snapshot<DetailLookup>> {
  const [row] = await selectPrepared(
    reader,
    tenantId,
    {
      settings: storeSettings(tenantId),
      nextPublication: nextPublication(tenantId),
      product: sql<ProductDetailRow | null>`(select json_build_object(
          'id', p.id, 'slug', p.slug, 'name', p.name, 'description', p.description, 'seoTitle', p.seo_title, 'seoDescription', p.seo_description,
          'featured', p.featured, 'tags', p.tags, 'attributes', p.attributes, 'minPrice', p.min_price_amount, 'maxPrice', p.max_price_amount,
          'publishedAt', to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'brand', (select json_build_object('slug', b.slug, 'name', b.name) from brands b where b.tenant_id = ${tenantId} and b.id = p.brand_id),
          'variants', ${variantsJson(tenantId)},
          'images', (select json_agg(${imageJson} order by i.position, i.id) from product_images i where i.tenant_id = ${tenantId} and i.product_id = p.id),
          'categories', (
            select json_agg(json_build_object('slug', c.slug, 'name', c.name, 'breadcrumbs', (
              with recursive up(id, parent_id, slug, name, depth) as (
                select c2.id, c2.parent_id, c2.slug, c2.name, 0 from categories c2 where c2.tenant_id = ${tenantId} and c2.id = c.id
                union all
                select c3.id, c3.parent_id, c3.slug, c3.name, up.depth + 1 from categories c3 join up on c3.id = up.parent_id where c3.tenant_id = ${tenantId} and up.depth < 50
              ) select json_agg(json_build_object('slug', up.slug, 'name', up.name) order by up.depth desc) from up
            )) order by pc.position, c.id)
            from product_categories pc join categories c on c.tenant_id = pc.tenant_id and c.id = pc.category_id
            where pc.tenant_id = ${tenantId} and pc.product_id = p.id)
        )
        from products p where ${visibleProduct(tenantId)} and p.slug = ${slug})`,
      movedTo: sql<string | null>`(select p.slug from product_slug_redirects r join products p on p.tenant_id = r.tenant_id and p.id = r.product_id
        where r.tenant_id = ${tenantId} and r.old_slug = ${slug} and ${visibleProduct(tenantId)})`,
    },
    ONE_ROW,
  );
  const { settings, product, movedTo } = row!;
  const value: DetailLookup = product ? { product } : movedTo ? { movedTo } : null;
  return { settings, nextPublicationAt: publicationTime(row!.nextPublication), value };
}
