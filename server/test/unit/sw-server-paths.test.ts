/**
 * The service worker's navigation fallback serves the app shell for every path it does not list as
 * the server's own. A server-rendered page missing from that list (as `/verify-email` once was)
 * would open the app's "not found" instead of the page, so every non-API path of openapi.json must match.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_PATHS } from '@kith/web/sw-server-paths';

const doc = JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, unknown> };

describe('service worker: paths the server renders', () => {
  it('lists every path of openapi.json, so a navigation there reaches the server', () => {
    const concrete = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, 'x'));
    const missed = concrete.filter((p) => !SERVER_PATHS.some((re) => re.test(p)));
    expect(missed).toEqual([]);
  });

  it("leaves the app's own screens to the shell", () => {
    for (const p of ['/', '/library', '/people/1', '/share', '/x/abc', '/settings']) {
      expect(SERVER_PATHS.some((re) => re.test(p))).toBe(false);
    }
  });
});
