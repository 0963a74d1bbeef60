/**
 * The viewer's Share → "To a person" (automatic sharing, docs/features/library-and-albums.md "The viewer"), at
 * 1280 px and at 360 px on a touch screen, against a Kith with face analysis on: carol registered a reference face
 * (party guest 1's face) and bob's contact Carol Diaz points at her account, so each of bob's two copies of
 * party photo 1 is suggested for her. Share offers "Send to Carol Diaz?"; one press sends the open photo, the
 * delivery lands in carol's inbox (checked through the API), the info panel shows it delivered, and Share then
 * says how a suggestion comes about instead (the suggestion is spent).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyFaceCrop } from '../../server/test/helpers/face-fixtures.js';
import { partyPhoto } from '../../server/test/helpers/photos.js';
import { openAs } from '../src/app-fixture.js';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';
import { openShare, until, type Press } from '../src/viewer-fixture.js';
import { axeFindings, openViewer, uploadAs } from '../src/viewer-page.js';

describe('photo viewer: Share → To a person', () => {
  let kith: KithServer;
  let browser: Browser;
  let bob: ApiUser;
  let carol: ApiUser;
  /** bob's photos by tile: 0 the newer copy, 1 the older. */
  const photos: string[] = [];
  let carolContact: string;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser();
    bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    carol = await apiSignup(kith.url, 'carol', 'Carol Diaz');
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(await partyFaceCrop(1))], { type: 'image/jpeg' }), 'carol.jpg');
    const ref = await fetch(`${kith.url}/api/me/reference-faces`, { method: 'POST', body: form, headers: { cookie: carol.cookie } });
    expect(ref.status).toBe(201);
    const host = new URL(kith.url).host;
    carolContact = (
      (await api(kith.url, bob, 'POST', '/api/contacts', { name: 'Carol Diaz', kithAddress: `carol@${host}` })) as {
        contact: { id: string };
      }
    ).contact.id;
    for (const [width, min] of [
      [1400, 10],
      [1200, 5],
    ] as const)
      photos.push(
        await uploadAs(
          kith.url,
          bob,
          `party1-${width}.jpg`,
          await partyPhoto(1, { width, capturedAt: new Date(Date.UTC(2026, 5, 13, 18, min)) }),
        ),
      );
    // Face analysis and matching run as jobs: wait until both photos are suggested for carol.
    await until('no routing suggestion for both photos', 180_000, async () => {
      const { suggestions } = (await api(kith.url, bob, 'GET', '/api/routing/suggestions')) as { suggestions: Array<{ assetId: string }> };
      return photos.every((id) => suggestions.some((s) => s.assetId === id));
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  /** Share on tile `index` offers carol; pressing it sends that photo to her inbox, and the offer is gone. */
  async function sendToCarol(page: Page, index: number, how: Press, shot: string): Promise<void> {
    const press = (l: ReturnType<Page['getByTestId']>) => (how === 'tap' ? l.tap() : l.click());
    await openViewer(page, { index, tiles: 2 });
    const share = await openShare(page, how);
    await expectText(share.getByTestId('share-person'), 'Send to Carol Diaz?');
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, shot);
    await press(share.getByTestId('share-person'));
    await share.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('toast'), 'Sending to Carol Diaz');

    const deliveries = async () =>
      (
        (await api(kith.url, bob, 'GET', `/api/assets/${photos[index]}/deliveries`)) as {
          deliveries: Array<{ contact: { id: string }; status: string }>;
        }
      ).deliveries;
    await expect
      .poll(async () => (await deliveries()).map((d) => `${d.contact.id}:${d.status}`), { timeout: UI_WAIT_MS })
      .toEqual([`${carolContact}:delivered`]);
    const { items } = (await api(kith.url, carol, 'GET', '/api/inbox')) as { items: unknown[] };
    expect(items).toHaveLength(index + 1);

    if (!(await page.getByTestId('viewer-info').isVisible())) await press(page.getByTestId('viewer-info-toggle'));
    const row = page.getByTestId('delivery-row');
    await expectCount(row, 1);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_WAIT_MS }).toBe('delivered');
    await expectText(row, 'Carol Diaz');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, `${shot}-delivered`);
    await press(page.getByTestId('viewer-info-toggle'));
    const again = await openShare(page, how);
    await expectCount(again.getByTestId('share-person'), 0);
    await again.getByTestId('share-person-none').waitFor();
  }

  it('at 1280 px: Share offers "Send to Carol Diaz?", and a click sends the photo to her inbox', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 1280, height: 800 } });
    await sendToCarol(page, 0, 'click', 'viewer-share-person-1280');
    await page.context().close();
  });

  it('at 360 px on a touch screen: Share offers "Send to Carol Diaz?", and a tap sends the photo to her inbox', async () => {
    const page = await openAs(browser, { kith }, bob, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await sendToCarol(page, 1, 'tap', 'viewer-share-person-360');
    await page.context().close();
  });
});
