/** Region sharing settings: site keys, connector links (Mastodon, webhook). */
import type { components, paths } from '@kith/sdk';
import { kith, request, unwrap } from './client';

export interface SiteKey {
  id: string;
  key: string;
  name: string;
  origins: string[];
  targets: string[];
  albumId: string | null;
  createdAt: string;
}

export interface ConnectorStatus {
  mastodon: { instanceUrl: string; acct: string; visibility: string } | null;
  webhook: { url: string } | null;
}

/** A picture of a shared page (`GET /api/region-shares/page-images`): absolute http(s) URL, alt text, declared CSS px size. */
export type PageImages = paths['/api/region-shares/page-images']['get']['responses'][200]['content']['application/json'];
export type PageImage = PageImages['images'][number];
export type RegionShare = components['schemas']['RegionShare'];
export type ShareTarget = components['schemas']['ShareTarget'];
export type RegionShareInput = paths['/api/region-shares']['post']['requestBody']['content']['application/json'];

/** Where the app shows a page's picture: Kith's own origin fetches it (`GET /api/region-shares/page-image`). */
export const pageImageSrc = (url: string) => `/api/region-shares/page-image?url=${encodeURIComponent(url)}`;

export const regionApi = {
  /** The pictures of a web page, fetched by the server (errors: 422 `not_html`/`blocked_address`, 502 `page_unreachable`). */
  pageImages: (url: string) => unwrap(kith.GET('/api/region-shares/page-images', { params: { query: { url } } })),
  /** The targets I may share to (Kith album, linked Mastodon/webhook, Pinterest). */
  targets: async () => (await unwrap(kith.GET('/api/region-shares/targets'))).targets,
  /** Shares a region of `imageUrl`: the server fetches the image, crops it and publishes `/s/{id}`. */
  share: async (input: RegionShareInput) => (await unwrap(kith.POST('/api/region-shares', { body: input }))).share,
  siteKeys: async () => (await request<{ siteKeys: SiteKey[] }>('GET', '/api/site-keys')).siteKeys,
  createSiteKey: async (name: string, origins: string[], targets: string[]) =>
    (await request<{ siteKey: SiteKey }>('POST', '/api/site-keys', { name, origins, targets })).siteKey,
  deleteSiteKey: (id: string) => request<void>('DELETE', `/api/site-keys/${encodeURIComponent(id)}`),
  connectors: () => request<ConnectorStatus>('GET', '/api/connectors'),
  linkMastodon: (instanceUrl: string, accessToken: string, visibility: string) =>
    request<{ mastodon: NonNullable<ConnectorStatus['mastodon']> }>('PUT', '/api/connectors/mastodon', {
      instanceUrl,
      accessToken,
      visibility,
    }),
  setWebhook: (url: string) => request<{ url: string; secret: string }>('PUT', '/api/connectors/webhook', { url }),
  unlink: (kind: 'mastodon' | 'webhook') => request<void>('DELETE', `/api/connectors/${kind}`),
};

/** The bookmarklet: injects the same embed script into the page being viewed (region-sharing [0012], [0019]: nothing to install). */
export function bookmarkletCode(origin: string): string {
  const src = `${origin}/embed/region-share.js`;
  return `javascript:(()=>{const s=document.createElement('script');s.src=${JSON.stringify(src)};s.dataset.kith=${JSON.stringify(origin)};s.dataset.minSize='120';s.dataset.hoverMs='600';document.body.appendChild(s)})()`;
}

/** The tag a site owner pastes into their pages. */
export function embedSnippet(origin: string, key?: string): string {
  return `<script src="${origin}/embed/region-share.js" data-kith="${origin}"${key ? ` data-site-key="${key}"` : ''} data-min-size="200" data-hover-ms="800" data-targets="kith,pinterest" defer></script>`;
}
