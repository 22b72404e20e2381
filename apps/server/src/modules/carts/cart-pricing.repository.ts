import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { slot, statementTemplate, type StatementTemplate } from '../../platform/db/statement-template.ts';
import { checkoutInputColumns, checkoutInputRowsOf, type CheckoutInputRows } from '../checkout-settings/index.ts';
import { lineDetailsColumn, variantDetailJson, type CartLineDetail } from './cart-line.repository.ts';
import { cartRowOfJson, newCartInsert, touchCartUpdate, type CartChanges, type CartRow, type NewCartValues } from './cart.repository.ts';

export interface CartPricingQuery {
  withStore: boolean;
  withLines: boolean;
  shippingMethodId: string | null;
  codes: readonly string[];
  /**
   * Changes to the cart row (see `touchCartUpdate`) made in the same statement, its lifetime
   * restarted; the answer then has the cart's new `updatedAt` and `expiresAt`. The rest of the
   * statement reads other tables only, so it sees what it would have seen after the update.
   */
  touch?: { changes: CartChanges; ttlDays: number };
  /** A new cart (see `newCartInsert`) inserted in the same statement; the answer then has it. Not with `touch`. */
  create?: { row: { [K in keyof NewCartValues]: CartRow[K] }; ttlDays: number };
}

export interface CartPricingRows {
  inputs: CheckoutInputRows;
  lines: CartLineDetail[];
  /** With `touch`: the cart's new times. */
  touched?: { updatedAt: Date; expiresAt: Date };
  /** With `create`: the new cart. */
  created?: CartRow;
}

type Row = Record<string, unknown>;

/** One template per shape: with or without the store and the lines, and plain, creating, or touching these fields. */
const pricingTemplates = new Map<string, StatementTemplate<Row>>();

function pricingTemplate(query: CartPricingQuery, changed: ReadonlyArray<keyof CartChanges>): StatementTemplate<Row> {
  const mode = query.touch ? `touch:${changed.join(',')}` : query.create ? 'create' : 'read';
  const key = `${query.withStore ? 'store' : ''}|${query.withLines ? 'lines' : ''}|${mode}`;
  let template = pricingTemplates.get(key);
  if (!template) {
    template = statementTemplate((tx) => {
      const tenantId = slot('tenantId');
      const cartId = slot('cartId');
      const inputs = checkoutInputColumns(tenantId, { withStore: query.withStore, shippingMethodId: slot('shippingMethodId'), loweredCodes: slot('codes') });
      const columns = sql`${inputs}${query.withLines ? sql`, ${lineDetailsColumn(tenantId, cartId)}` : sql``}`;
      if (query.touch) {
        return sql`with touched as (${touchCartUpdate(tenantId, cartId, changed, slot('ttlDays'))})
          select (select updated_at from touched) as touched_updated_at, (select expires_at from touched) as touched_expires_at, ${columns}`;
      }
      if (query.create) {
        const row: NewCartValues = { id: cartId, tenantId, tokenHash: slot('tokenHash'), email: slot('email') };
        return sql`with created as (${newCartInsert(tx, row, slot('ttlDays'))}) select (select row_to_json(created) from created) as created_cart, ${columns}`;
      }
      return sql`select ${columns}`;
    });
    pricingTemplates.set(key, template);
  }
  return template;
}

/** What pricing a cart reads, in one statement: the checkout settings it needs and, unless the cart is known to be empty, its lines. */
export async function cartPricingRows(tx: Tx, tenantId: string, cartId: string, query: CartPricingQuery): Promise<CartPricingRows> {
  const changes = query.touch?.changes ?? {};
  const changed = changedFieldsOf(changes);
  const values: Record<string, unknown> = {
    tenantId,
    cartId,
    shippingMethodId: query.shippingMethodId,
    codes: query.codes.map((c) => c.toLowerCase()),
    ttlDays: query.touch?.ttlDays ?? query.create?.ttlDays,
    tokenHash: query.create?.row.tokenHash,
    email: query.create?.row.email,
  };
  fillChangeSlots(values, changes, changed);
  const [row] = await pricingTemplate(query, changed).run(tx, values);
  if (!row) throw new Error('the pricing read returned no row');
  const touched = query.touch ? timesOf(row) : undefined;
  const created = query.create ? cartRowOfJson(row.created_cart) : undefined;
  return { inputs: checkoutInputRowsOf(row, query.withStore), lines: query.withLines ? (row.lines as CartLineDetail[]) : [], ...(touched ? { touched } : {}), ...(created ? { created } : {}) };
}

/** The fields `changes` sets, in a fixed order: with `touchCartUpdate`, they make the statement's text. */
function changedFieldsOf(changes: CartChanges): Array<keyof CartChanges> {
  return (Object.keys(changes) as Array<keyof CartChanges>).filter((field) => changes[field] !== undefined).sort();
}

/** Each changed field's value in its `touchCartUpdate` slot, `set_<field>`. */
function fillChangeSlots(values: Record<string, unknown>, changes: CartChanges, changed: ReadonlyArray<keyof CartChanges>): void {
  for (const field of changed) values[`set_${field}`] = changes[field];
}

function timesOf(row: Row): { updatedAt: Date; expiresAt: Date } {
  if (row.touched_updated_at === null || row.touched_updated_at === undefined) throw new Error('the cart to touch was not found');
  return { updatedAt: new Date(row.touched_updated_at as string), expiresAt: new Date(row.touched_expires_at as string) };
}

/** The cart's own shipping method and codes, as the pricing columns of a statement that selects from `carts c`. */
const fromTheCart = { shippingMethodId: sql`c.shipping_method_id`, loweredCodes: sql`array(select lower(code) from unnest(c.discount_codes) code)` };

/** What the opening statement reads besides the cart's own pricing: another shipping method in place of the cart's, a variant to add. */
type OpenedExtras = { method?: boolean; variant?: boolean };

function openedPricingStatement(lock: boolean, extras: OpenedExtras = {}): SQL {
  const tenantId = slot('tenantId');
  const pricing = { withStore: true, ...fromTheCart, ...(extras.method ? { shippingMethodId: slot('shippingMethodId') } : {}) };
  return sql`select row_to_json(c) as cart,
      ${lock ? sql`c.xmin::text as locked_version, (select r.xmin::text from carts r where r.tenant_id = c.tenant_id and r.id = c.id) as read_version,` : sql``}
      ${extras.variant ? sql`${variantDetailJson(tenantId, slot('variantId'))} as variant,` : sql``}
      ${checkoutInputColumns(tenantId, pricing)}, ${lineDetailsColumn(tenantId, sql`c.id`)}
    from carts c
    where c.tenant_id = ${tenantId} and c.id = ${slot('cartId')} and c.status = 'active' and c.expires_at > now()
    ${lock ? sql`for update of c` : sql``}`;
}

const openedPricing = {
  locked: statementTemplate<Row>(() => openedPricingStatement(true)),
  read: statementTemplate<Row>(() => openedPricingStatement(false)),
  lockedWithMethod: statementTemplate<Row>(() => openedPricingStatement(true, { method: true })),
  lockedWithVariant: statementTemplate<Row>(() => openedPricingStatement(true, { variant: true })),
};

/** An opened cart with all that pricing reads; with `variant` when the statement read one (null: the store has no such variant). */
export interface OpenedCart {
  cart: CartRow;
  rows: CartPricingRows;
  variant?: Omit<CartLineDetail, 'id' | 'quantity'> | null;
}

/**
 * The store's active, unexpired cart with all that pricing it reads (store, method, discounts,
 * lines), in one statement; row-locked when `lock`. A locked cart that another transaction changed
 * while this one waited for its lock is read again: the lock hands over the cart's newest row, but
 * the rest of the statement read what was there when it began. Undefined: no such cart.
 */
export async function openCartWithPricingRows(tx: Tx, tenantId: string, cartId: string, lock: boolean): Promise<OpenedCart | undefined> {
  return openWithPricingRows(tx, lock ? openedPricing.locked : openedPricing.read, lock, { tenantId, cartId });
}

/**
 * `openCartWithPricingRows`, locked, with `shippingMethodId` (null: none) read as the shipping
 * method instead of the cart's own: the rows to price the cart as it will be once the method is chosen.
 */
export async function lockCartWithPricingRowsFor(tx: Tx, tenantId: string, cartId: string, shippingMethodId: string | null): Promise<OpenedCart | undefined> {
  return openWithPricingRows(tx, openedPricing.lockedWithMethod, true, { tenantId, cartId, shippingMethodId });
}

/** `openCartWithPricingRows`, locked, with the variant `variantId` as a new line of it would show it. */
export async function lockCartWithPricingRowsAndVariant(tx: Tx, tenantId: string, cartId: string, variantId: string): Promise<OpenedCart | undefined> {
  return openWithPricingRows(tx, openedPricing.lockedWithVariant, true, { tenantId, cartId, variantId });
}

async function openWithPricingRows(tx: Tx, template: StatementTemplate<Row>, lock: boolean, values: Record<string, unknown>): Promise<OpenedCart | undefined> {
  let [row] = await template.run(tx, values);
  if (row && lock && row.locked_version !== row.read_version) [row] = await template.run(tx, values);
  if (!row) return undefined;
  const opened: OpenedCart = { cart: cartRowOfJson(row.cart), rows: { inputs: checkoutInputRowsOf(row, true), lines: row.lines as CartLineDetail[] } };
  if ('variant' in row) opened.variant = row.variant as OpenedCart['variant'];
  return opened;
}

/** One template per set of changed fields. */
const touchTemplates = new Map<string, StatementTemplate<Row>>();

/**
 * Sends `touchCartUpdate` at once (a statement template, so it can go with the commit, see
 * commitWith) and answers the cart's new times. The caller holds the cart's lock.
 */
export async function sendCartTouch(tx: Tx, tenantId: string, cartId: string, changes: CartChanges, ttlDays: number): Promise<{ updatedAt: Date; expiresAt: Date }> {
  const changed = changedFieldsOf(changes);
  const key = changed.join(',');
  let template = touchTemplates.get(key);
  if (!template) {
    template = statementTemplate<Row>(() => touchCartUpdate(slot('tenantId'), slot('cartId'), changed, slot('ttlDays')));
    touchTemplates.set(key, template);
  }
  const values: Record<string, unknown> = { tenantId, cartId, ttlDays };
  fillChangeSlots(values, changes, changed);
  const [row] = await template.run(tx, values);
  if (!row) throw new Error('the cart to touch was not found');
  return { updatedAt: new Date(row.updated_at as string), expiresAt: new Date(row.expires_at as string) };
}
