import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';

/** Kith's mark (the web app's favicon.svg): the docs' top bar and tab icon show it instead of Swagger's and Fastify's. */
const KITH_MARK = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4255d4"/>' +
    '<circle cx="12" cy="13" r="5" fill="#fff"/><circle cx="21" cy="18" r="6" fill="#fff" fill-opacity=".75"/></svg>',
);
const KITH_MARK_DATA_URL = `data:image/svg+xml;base64,${KITH_MARK.toString('base64')}`;

/**
 * Swagger UI plugins (swagger-ui's plugin API: a function of the system returning components). fastify-swagger-ui
 * sends `uiConfig` functions to the browser as source text (`toString`), so they are built from source here rather
 * than compiled TypeScript. A `plugins` list replaces fastify-swagger-ui's default one, so it keeps DownloadUrl (it
 * loads the document) and adds a Logo: Swagger's own logo is an SVG with an inline `<style>` element, which the
 * page's Content-Security-Policy refuses and logs; replaced, it is never rendered.
 */
const plugins = [
  new Function('system', 'return SwaggerUIBundle.plugins.DownloadUrl(system);'),
  new Function(
    'system',
    'const h = system.React.createElement;' +
      `return { components: { Logo: () => h('img', { src: ${JSON.stringify(KITH_MARK_DATA_URL)}, height: 40, width: 40, alt: 'Kith' }) } };`,
  ),
];

/**
 * Options of `@fastify/swagger-ui` for `/api/docs`: Kith's title, mark and favicon, and no CSP of its own
 * (`staticCSP: false`). The page gets the app's helmet policy like every other page: no upgrade-insecure-requests on
 * a plain-http install (which would send the docs' scripts to an https port that does not exist), no hashes of
 * Swagger's internals to keep in step with its releases.
 */
export function apiDocsOptions(): FastifySwaggerUiOptions {
  return {
    routePrefix: '/api/docs',
    staticCSP: false,
    // fastify-swagger-ui swaps the top bar's logo for this one once the page has loaded (Fastify's by default).
    logo: { type: 'image/svg+xml', content: KITH_MARK, href: '/', target: '_self' },
    uiConfig: { plugins } as FastifySwaggerUiOptions['uiConfig'],
    theme: {
      title: 'Kith API',
      favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: KITH_MARK }],
    },
  };
}
