import type { Config } from '../../config.ts';

/** What a media URL is built from: this server's public URL, and MEDIA_PUBLIC_URL when a CDN serves media. */
export interface MediaBase {
  publicUrl: string;
  mediaPublicUrl?: string | undefined;
}

export const mediaBaseOf = (config: Pick<Config, 'publicUrl' | 'media'>): MediaBase => ({ publicUrl: config.publicUrl, mediaPublicUrl: config.media.publicUrl });

/** Where clients fetch a stored media object: the configured media base (a CDN), else this server's /media route. */
export function mediaUrl(base: MediaBase, storageKey: string): string {
  const root = base.mediaPublicUrl ?? `${base.publicUrl}/media`;
  return `${root.replace(/\/+$/, '')}/${storageKey.split('/').map(encodeURIComponent).join('/')}`;
}
