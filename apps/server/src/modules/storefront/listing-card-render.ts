import type { StoreSettings } from '../tenancy/index.ts';
import { availabilityOf } from './availability.ts';
import type { ListingCard, StoredCard } from './listing.repository.ts';
import { listingItemBaseView, variantBaseView, type MediaUrl } from './storefront-views.ts';

type DisplaySettings = Pick<StoreSettings, 'showStockQuantities' | 'lowStockDisplayThreshold'>;

/** A card rendered to JSON once, with a hole after each variant for its stock, which changes with every sale. */
interface CardTemplate {
  /** The version of the stored card it was rendered from (products.storefront_card_version). */
  version: number;
  /** The card's JSON up to its variants: `{"id":…,"image":…` without the closing brace. */
  head: string;
  /** Each variant's JSON without its stock and closing brace. */
  variants: Array<{ id: string; trackStock: boolean; head: string }>;
}

/** The most cards kept rendered; about 3 kB each. */
const RENDERED_CARDS_KEPT = 2000;

const withoutClosingBrace = (json: string) => json.slice(0, -1);

function templateOf(card: StoredCard, mediaUrl: MediaUrl): CardTemplate {
  const stored = JSON.parse(card.text) as ListingCard;
  return {
    version: card.version,
    head: withoutClosingBrace(JSON.stringify(listingItemBaseView(stored, mediaUrl))),
    variants: stored.variants.map((v) => ({ id: v.id, trackStock: v.trackStock, head: withoutClosingBrace(JSON.stringify(variantBaseView(v))) })),
  };
}

/** `"availability":…` and, where the store shows it, `"quantity":…`: availabilityOf's keys, without braces. */
function stockJson(trackStock: boolean, available: number, settings: DisplaySettings): string {
  return JSON.stringify(availabilityOf({ trackStock, available }, settings)).slice(1, -1);
}

/**
 * Renders listing cards from the JSON text the database keeps (products.storefront_card) to the
 * JSON shoppers get. A card is parsed and laid out once per version; while a product's card keeps
 * its version, pages only fill in stock, and the database need not send its text at all. The
 * least recently used templates are dropped past `maxCards`.
 */
export function createCardRenderer(mediaUrl: MediaUrl, maxCards = RENDERED_CARDS_KEPT) {
  /** By product id, least recently used first. */
  const templates = new Map<string, CardTemplate>();

  function keep(productId: string, template: CardTemplate): void {
    templates.delete(productId);
    templates.set(productId, template);
    if (templates.size > maxCards) templates.delete(templates.keys().next().value!);
  }

  return {
    /** Of products `ids` with card versions `versions`, those not rendered at that version (their stored cards must be learnt first); the others count as just used. */
    missing(ids: readonly string[], versions: readonly number[]): string[] {
      const missing: string[] = [];
      ids.forEach((id, i) => {
        const kept = templates.get(id);
        if (kept && kept.version === versions[i]) keep(id, kept);
        else missing.push(id);
      });
      return missing;
    },

    /** Lays out a stored card; it replaces the product's template unless that one is newer. */
    learn(card: StoredCard): void {
      const kept = templates.get(card.id);
      if (!kept || kept.version < card.version) keep(card.id, templateOf(card, mediaUrl));
    },

    /** The card of product `productId` as JSON text with the available stock of its variants; undefined when it was never learnt (the product is gone). */
    render(productId: string, stock: Readonly<Record<string, number>>, settings: DisplaySettings): string | undefined {
      const template = templates.get(productId);
      if (!template) return undefined;
      const variants = template.variants.map((v) => `${v.head},${stockJson(v.trackStock, stock[v.id] ?? 0, settings)}}`);
      return `${template.head},"variants":[${variants.join(',')}]}`;
    },

    /** How many cards are kept rendered (for tests). */
    get size() {
      return templates.size;
    },
  };
}
