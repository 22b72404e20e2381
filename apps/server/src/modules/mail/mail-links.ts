/**
 * Pages of the web app that mail links to, in one place so the web app can
 * match them. Tokens travel in the fragment (`#token=`): browsers never send a
 * fragment to the server, so a token stays out of access logs and Referer
 * headers; the page reads it and posts it to the API.
 */
export const MAIL_PAGES = {
  acceptInvitation: '/admin/accept-invitation',
  resetPassword: '/admin/reset-password',
  resetCustomerPassword: '/account/reset-password',
  verifyEmail: '/verify-email',
  product: (productId: string) => `/admin/products/${encodeURIComponent(productId)}`,
} as const;

export function pageLink(publicUrl: string, path: string, token?: string): string {
  return `${publicUrl}${path}${token === undefined ? '' : `#token=${encodeURIComponent(token)}`}`;
}
