/** Where clients fetch a stored media object: the configured media base (a CDN), else this server's /media route. */
export function mediaUrl(base: { publicUrl: string; mediaPublicUrl?: string | undefined }, storageKey: string): string {
  const root = base.mediaPublicUrl ?? `${base.publicUrl}/media`;
  return `${root.replace(/\/+$/, '')}/${storageKey.split('/').map(encodeURIComponent).join('/')}`;
}
