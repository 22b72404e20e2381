import type { Answer } from './keep-alive-client.ts';
import { Refused, type FlowHttp } from './flow-driver.ts';
import type { CheckoutStore } from './checkout-store.ts';

/** The storefront requests of a guest's one-line order, as a shop's front end sends them. */

export type PaymentMethod = 'manual' | 'cash_on_delivery';

/** A cart with one line, an email, an address and a shipping method: ready to check out. */
export interface ReadyCart {
  id: string;
  token: string;
  paymentMethod: PaymentMethod;
}

const STORE = '/api/v1/store';
const ADDRESS = { name: 'Bench Shopper', line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' };

function requireStatus(step: string, answer: Answer, status: number): Answer {
  if (answer.status !== status) throw new Refused(step, answer.status, answer.body);
  return answer;
}

/** Every other order is paid in cash at the door, with the cash-on-delivery method. */
export function paymentOf(n: number): PaymentMethod {
  return n % 2 === 0 ? 'manual' : 'cash_on_delivery';
}

/** Create cart, add a line, set email and address (one form, one request), choose shipping: four requests. */
export async function fillCart(http: FlowHttp, store: CheckoutStore, variantId: string, email: string, paymentMethod: PaymentMethod): Promise<ReadyCart> {
  const key = { 'x-publishable-key': store.publishableKey };
  const made = requireStatus('create cart', await http.send('POST', `${STORE}/carts`, key, {}), 201);
  const { token, cart } = JSON.parse(made.body) as { token: string; cart: { id: string } };
  const path = `${STORE}/carts/${cart.id}`;
  const headers = { ...key, 'x-cart-token': token };
  requireStatus('add line', await http.send('POST', `${path}/lines`, headers, { variantId, quantity: 1 }), 200);
  requireStatus('set email and address', await http.send('PATCH', path, headers, { email, shippingAddress: ADDRESS }), 200);
  const shippingMethodId = paymentMethod === 'cash_on_delivery' ? store.shipping.cashOnDelivery : store.shipping.flatRate;
  requireStatus('choose shipping', await http.send('PUT', `${path}/shipping-method`, headers, { shippingMethodId }), 200);
  return { id: cart.id, token, paymentMethod };
}

/** Places the order; the answer as it came (201, or 409 when the stock ran out). */
export function checkOut(http: FlowHttp, store: CheckoutStore, cart: ReadyCart): Promise<Answer> {
  const headers = { 'x-publishable-key': store.publishableKey, 'x-cart-token': cart.token };
  return http.send('POST', `${STORE}/carts/${cart.id}/checkout`, headers, { paymentMethod: cart.paymentMethod });
}
