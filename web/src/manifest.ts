/**
 * The web app manifest (W3C Web App Manifest; Web Share Target Level 2 for `share_target`), written to
 * dist/manifest.webmanifest by vite-plugin-pwa. Chromium's installability check wants a name, a start_url,
 * display standalone, icons of 192 and 512 px, and a service worker (web/src/sw/sw.ts).
 *
 * "Share → Kith" from a phone's gallery POSTs the photos to {@link SHARE_TARGET_ACTION} as multipart/form-data;
 * the service worker answers it (web/src/sw/share-target.ts): files go into the upload queue, a shared
 * web-page URL opens region sharing for it.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

/** Where the operating system posts what is shared to Kith (handled by the service worker, never the server). */
export const SHARE_TARGET_ACTION = '/share-target';
/** The form field names of the share (Web Share Target §3 `params`). */
export const SHARE_FIELDS = { title: 'title', text: 'text', url: 'url', files: 'photos' } as const;

export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Kith',
  short_name: 'Kith',
  description: 'Your photos, your people and what your friends are playing, on your own server.',
  lang: 'en',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  // base.css: --primary for the title bar, --bg behind the splash screen.
  theme_color: '#4255d4',
  background_color: '#f6f7f9',
  categories: ['photo', 'social'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  share_target: {
    action: SHARE_TARGET_ACTION,
    method: 'POST',
    enctype: 'multipart/form-data',
    params: {
      title: SHARE_FIELDS.title,
      text: SHARE_FIELDS.text,
      url: SHARE_FIELDS.url,
      files: [{ name: SHARE_FIELDS.files, accept: ['image/*', '.heic', '.heif', '.avif'] }],
    },
  },
};
