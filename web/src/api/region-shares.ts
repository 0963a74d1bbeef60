/** Region sharing settings: site keys, connector links (Mastodon, webhook). */
import { request } from './client';

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

export const regionApi = {
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
