/**
 * Kith's service worker (Workbox, built by vite-plugin-pwa's injectManifest into dist/sw.js):
 * - precaches the app shell (index.html, the bundles, fonts, icons, offline.html) so Kith opens offline;
 * - answers every in-app navigation with the cached index.html (the app routes on the client);
 * - pages the server renders (/s/{id}, /verify-email, /api/docs: ./server-paths.ts) go to the network, and offline.html when it is unreachable;
 * - handles "Share → Kith" POSTs to the manifest's share_target action (./share-target.ts).
 * API calls are never cached: the app shows "You're offline" and the upload queue waits for the network.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { SHARE_TARGET_ACTION } from '../manifest';
import { SERVER_PATHS } from './server-paths';
import { handleShareTarget } from './share-target';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === SHARE_TARGET_ACTION,
  ({ request }) => handleShareTarget(request, self.location.origin),
  'POST',
);

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: SERVER_PATHS }));
// Server-rendered pages: always the network, so the offline page can stand in when it fails.
registerRoute(({ request, url }) => request.mode === 'navigate' && SERVER_PATHS.some((p) => p.test(url.pathname)), new NetworkOnly());

setCatchHandler(async ({ request }) => {
  if (request.destination === 'document') return (await matchPrecache('/offline.html')) ?? Response.error();
  return Response.error();
});

// A new version takes over at once: the shell is one bundle, and an old tab reloads on its next navigation.
void self.skipWaiting();
clientsClaim();
