import { sql, type SQL } from 'drizzle-orm';
import { preparedRead } from '../../platform/db/prepared-read.ts';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';

/** Marks around matched words in a snippet; control characters, so they never occur in the text itself. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export type SearchHitRow = {
  id: string;
  slug: string;
  name: string;
  brand_name: string | null;
  brand_slug: string | null;
  min_price_amount: string | null;
  max_price_amount: string | null;
  currency: string;
  image_key: string | null;
  image_alt: string | null;
  image_renditions: Array<{ name: string; storageKey: string }> | null;
  snippet: string | null;
};

export type SuggestionRow = {
  kind: 'product' | 'category' | 'brand';
  name: string;
  slug: string;
};

/**
 * A prefix query from the shopper's words, safe whatever they typed: the words
 * go through to_tsvector in the store's language (stemming, stop words), each
 * resulting lexeme is quoted and suffixed with `:*` (and the weight, when
 * given), and the result is cast to tsquery, which does not parse it again.
 * Null when no lexeme is left (only stop words or punctuation).
 */
function prefixQuery(lang: SQL, q: string, weight = ''): SQL {
  return sql`nullif(array_to_string(array(
      select '''' || replace(replace(t.lexeme, '\\', '\\\\'), '''', '''''') || ''':*' || ${weight}
        from unnest(to_tsvector(${lang}, ${q})) t
    ), ' & '), '')::tsquery`;
}

/**
 * Typos are looked for only when the words themselves match fewer products than this: a shopper
 * with a dozen exact matches wants those, and each trigram check against a product's text costs far
 * more than a full-text match (on 3,000 products, ~60 ms against ~1 ms).
 */
export const TYPO_FALLBACK_BELOW = 20;

/**
 * Shoppers see a product only with at least one variant, as in the storefront catalog: its price
 * range, kept by the variants' triggers, is null without one. Cheaper than looking at the variants,
 * which the planner may do for every product of the store before it meets the few candidates.
 */
const hasVariant = sql`p.min_price_amount is not null`;

const likePattern = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The spellings a SKU or barcode is looked up by: as typed, upper and lower case. */
const codeSpellings = (q: string) => sql`${sql.param([...new Set([q, q.toUpperCase(), q.toLowerCase()])])}::text[]`;

/**
 * Active, published products (with a variant) of the store that match `q`, best first, rows
 * `offset` to `offset + limit`:
 * 1. an exact SKU or barcode of one of its variants;
 * 2. then products whose name matches (every word as a prefix, or the query as a typo of its words:
 *    product_search_is_typo in migration 0011);
 * 3. then the rest (SKUs, brand, tags, attributes, options, description; or a typo anywhere in the text);
 * within each tier by full-text rank (name 1.0, SKU/brand/tags 0.4, attributes/options 0.2,
 * description 0.1) plus the query's word similarity to the name, then by id.
 * Candidates come from product_search_matches: full-text matches, and typos only when fewer
 * than TYPO_FALLBACK_BELOW products match the words themselves (see migration 0011).
 */
export function searchProducts(reader: TenantReader, tenantId: string, q: string, window: { offset: number; limit: number }): Promise<SearchHitRow[]> {
  const lang = sql`l.lang`;
  return preparedRead<SearchHitRow>(reader, tenantId, sql`
    with query as (
      select l.lang, ${prefixQuery(lang, q)} as anywhere, ${prefixQuery(lang, q, 'A')} as in_name
        from (select product_search_language(${tenantId}) as lang) l
    ),
    exact as (
      select distinct v.product_id from variants v
       where v.tenant_id = ${tenantId} and (v.sku = any(${codeSpellings(q)}) or v.barcode = any(${codeSpellings(q)}))
    ),
    candidates as (
      select m.id from product_search_matches(${q}, (select anywhere from query), ${TYPO_FALLBACK_BELOW}) m(id)
      union
      select exact.product_id from exact
    ),
    ranked as (
      select p.id, p.slug, p.name, p.brand_id, p.description, p.min_price_amount, p.max_price_amount,
             p.id in (select exact.product_id from exact) as exact_code,
             coalesce(p.search_vector @@ query.in_name, false) or product_search_is_typo(${q}, p.name) as in_name,
             coalesce(ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, query.anywhere), 0) + word_similarity(${q}, p.name) as relevance
        from candidates c
        join products p on p.id = c.id
       cross join query
       where p.tenant_id = ${tenantId} and p.status = 'active' and p.published_at <= now() and ${hasVariant}
       order by exact_code desc, in_name desc, relevance desc, p.id
       limit ${window.limit} offset ${window.offset}
    )
    select r.id, r.slug, r.name, b.name as brand_name, b.slug as brand_slug,
           r.min_price_amount::text as min_price_amount, r.max_price_amount::text as max_price_amount, st.default_currency as currency,
           img.storage_key as image_key, img.alt as image_alt, img.renditions as image_renditions,
           case when d.plain = '' then null
                else coalesce(ts_headline(query.lang, d.plain, query.anywhere, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MinWords=12, MaxWords=30, MaxFragments=1`}), left(d.plain, 200))
           end as snippet
      from ranked r
     cross join query
      join stores st on st.id = ${tenantId}
      left join brands b on b.tenant_id = ${tenantId} and b.id = r.brand_id
      left join lateral (
        select i.storage_key, i.alt, i.renditions from product_images i
         where i.tenant_id = ${tenantId} and i.product_id = r.id
         order by i.position, i.id
         limit 1
      ) img on true
     cross join lateral (
        select translate(left(product_search_plain_text(r.description), 2000), ${MARK_START + MARK_END}, '') as plain
      ) d
     order by r.exact_code desc, r.in_name desc, r.relevance desc, r.id`);
}

/**
 * Up to `limit` completions among the store's visible product names, its
 * categories and its brands: names starting with `q`, then names with a word
 * starting with it, then (categories and brands) names containing it, then
 * typos of it; within each, the closest and shortest first. Product names come
 * from the full-text index (word prefixes, weight A), typos only when too few
 * names match.
 */
export function suggest(reader: TenantReader, tenantId: string, q: string, limit: number): Promise<SuggestionRow[]> {
  const anywhere = `%${likePattern(q)}%`;
  const starts = `${likePattern(q)}%`;
  const wordStarts = `% ${likePattern(q)}%`;
  const tier = (column: SQL) => sql`case when ${column} ilike ${starts} then 0 when ${column} ilike ${wordStarts} then 1 when ${column} ilike ${anywhere} then 2 else 3 end`;
  /** Categories or brands (`table`) whose name matches, best first. */
  const named = (kind: SuggestionRow['kind'], table: SQL, kindOrder: number) => sql`(select ${kind} as kind, n.name, n.slug, ${tier(sql`n.name`)} as tier, word_similarity(${q}, n.name) as closeness, ${sql.raw(String(kindOrder))} as kind_order
         from ${table} n
        where n.tenant_id = ${tenantId} and (n.name ilike ${anywhere} or product_search_is_typo(${q}, n.name))
        order by tier, closeness desc, length(n.name), n.id
        limit ${limit})`;
  return preparedRead<SuggestionRow>(reader, tenantId, sql`
    with query as (
      select ${prefixQuery(sql`l.lang`, q, 'A')} as in_name from (select product_search_language(${tenantId}) as lang) l
    )
    select m.kind, m.name, m.slug from (
      (select 'product' as kind, p.name, p.slug, least(${tier(sql`p.name`)}, case when p.search_vector @@ query.in_name then 1 else 3 end) as tier,
              word_similarity(${q}, p.name) as closeness, 0 as kind_order
         from products p
        cross join query
        where p.id in (select product_search_matches(${q}, (select in_name from query), ${limit}))
          and p.tenant_id = ${tenantId} and p.status = 'active' and p.published_at <= now() and ${hasVariant}
          and (coalesce(p.search_vector @@ query.in_name, false) or product_search_is_typo(${q}, p.name))
        order by tier, closeness desc, length(p.name), p.id
        limit ${limit})
      union all
      ${named('category', sql`categories`, 1)}
      union all
      ${named('brand', sql`brands`, 2)}
    ) m
    order by m.tier, m.closeness desc, m.kind_order, length(m.name), m.name
    limit ${limit}`);
}
