/** Public checkout forms: merchants' embeddable cash-on-delivery order forms. Other modules import from here only. */
export { registerCheckoutFormsModule } from './checkout-forms.module.ts';
export type { CheckoutFormsDeps } from './checkout-forms.deps.ts';
export { formTokenKey, type FormTokenKey } from './form-token.ts';
export { CHECKOUT_FORM_STATUSES, FORM_FIELDS, type FieldRule, type FormField } from './checkout-forms.tables.ts';
