import type { Tx } from '../../platform/db/database.ts';
import type { MediaBase } from '../../platform/storage/media-url.ts';
import { imagesOf } from './image.repository.ts';
import { imageView, type ImageView } from './image-view.ts';
import * as repo from './product.repository.ts';
import { variantsOf } from './variant.repository.ts';
import { variantView, type VariantView } from './variant-rules.ts';

export interface ProductView {
  id: string;
  name: string;
  slug: string;
  description: string;
  status: repo.ProductRow['status'];
  publishedAt: string | null;
  featured: boolean;
  brandId: string | null;
  tags: string[];
  attributes: Record<string, string>;
  seoTitle: string | null;
  seoDescription: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface ProductDetailView extends ProductView {
  categoryIds: string[];
  oldSlugs: string[];
  variants: VariantView[];
  images: ImageView[];
}

export const view = (r: repo.ProductRow): ProductView => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  status: r.status,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  featured: r.featured,
  brandId: r.brandId,
  tags: r.tags,
  attributes: r.attributes,
  seoTitle: r.seoTitle,
  seoDescription: r.seoDescription,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The product with its categories, old slugs, variants and images (their URLs relative to this server when no media base is given). */
export async function detail(tx: Tx, tenantId: string, row: repo.ProductRow, media: MediaBase = { publicUrl: '' }): Promise<ProductDetailView> {
  const [categoryIds, oldSlugs, variants, images] = [await repo.categoryIdsOf(tx, tenantId, row.id), await repo.listRedirects(tx, tenantId, row.id), await variantsOf(tx, tenantId, row.id), await imagesOf(tx, tenantId, row.id)];
  return { ...view(row), categoryIds, oldSlugs, variants: variants.map(variantView), images: images.map((image) => imageView(image, media)) };
}
