/**
 * Registers the service worker (web/src/sw/sw.ts, built to /sw.js) in production builds: it makes Kith
 * installable, opens the shell offline and receives "Share → Kith". The dev server has no sw.js.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      // Installing is a bonus: Kith works without it, so a refusal is only logged.
      console.warn('Kith: the service worker was not registered', err);
    });
  });
}
