import type { StoreSettings } from '../tenancy/index.ts';
import { availabilityOf } from './availability.ts';
import type { ListingCard } from './listing.repository.ts';
import { listingItemBaseView, variantBaseView, type MediaUrl } from './storefront-views.ts';

type DisplaySettings = Pick<StoreSettings, 'showStockQuantities' | 'lowStockDisplayThreshold'>;

/** A card rendered to JSON once, with a hole after each variant for its stock, which changes with every sale. */
interface CardTemplate {
  /** The stored text it was rendered from. */
  source: string;
  /** The card's JSON up to its variants: `{"id":…,"image":…` without the closing brace. */
  head: string;
  /** Each variant's JSON without its stock and closing brace. */
  variants: Array<{ id: string; trackStock: boolean; head: string }>;
}

/** The most cards kept rendered; about 3 kB each. */
const RENDERED_CARDS_KEPT = 2000;

const withoutClosingBrace = (json: string) => json.slice(0, -1);

function templateOf(source: string, mediaUrl: MediaUrl): CardTemplate {
  const card = JSON.parse(source) as ListingCard;
  return {
    source,
    head: withoutClosingBrace(JSON.stringify(listingItemBaseView(card, mediaUrl))),
    variants: card.variants.map((v) => ({ id: v.id, trackStock: v.trackStock, head: withoutClosingBrace(JSON.stringify(variantBaseView(v))) })),
  };
}

/** `"availability":…` and, where the store shows it, `"quantity":…`: availabilityOf's keys, without braces. */
function stockJson(trackStock: boolean, available: number, settings: DisplaySettings): string {
  return JSON.stringify(availabilityOf({ trackStock, available }, settings)).slice(1, -1);
}

/**
 * Renders listing cards from the JSON text the database keeps (products.storefront_card) to the
 * JSON shoppers get. A card is parsed and laid out once; while the text the database keeps for
 * the product stays the same, later pages only fill in stock. A template is used only for exactly
 * the text it was made from, so a changed card is rendered afresh and nothing is served stale. The
 * least recently used templates are dropped past `maxCards`.
 */
export function createCardRenderer(mediaUrl: MediaUrl, maxCards = RENDERED_CARDS_KEPT) {
  /** By product id. */
  const templates = new Map<string, CardTemplate>();

  function lookup(productId: string, cardText: string): CardTemplate {
    const kept = templates.get(productId);
    templates.delete(productId);
    const template = kept?.source === cardText ? kept : templateOf(cardText, mediaUrl);
    templates.set(productId, template);
    if (templates.size > maxCards) templates.delete(templates.keys().next().value!);
    return template;
  }

  return {
    /** The card of product `productId` as JSON text, from its stored text and the available stock of its variants. */
    render(productId: string, cardText: string, stock: Readonly<Record<string, number>>, settings: DisplaySettings): string {
      const template = lookup(productId, cardText);
      const variants = template.variants.map((v) => `${v.head},${stockJson(v.trackStock, stock[v.id] ?? 0, settings)}}`);
      return `${template.head},"variants":[${variants.join(',')}]}`;
    },
    /** How many cards are kept rendered (for tests). */
    get size() {
      return templates.size;
    },
  };
}
