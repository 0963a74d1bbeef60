/**
 * The album inbox in the web app, a real server with face analysis on: bob registered
 * party guest 0's face as his reference face. While his Inbox is open, a packet arrives at the public
 * `POST /inbox/bob` (the document's XML packet): a toast says who sent it and the photo appears
 * with the sender's name and address. A picture without his face is dropped and shows up in
 * Settings' dropped log; a sender blocked in Settings is refused.
 */
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInboxPacketXml } from '@kith/sdk';
import { readSigningKey, signedXmlHeaders } from '@kith/cli/signing-key';
import { partyFaceCrop } from '../../server/test/helpers/face-fixtures.js';
import { partyPath } from '../../server/test/helpers/photos.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { logIn } from '../src/ui.js';

const PASSWORD = 'correct horse inbox';

describe('album inbox: Inbox screen, toast and settings', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  let photo: Buffer;

  const sendPacket = (
    pictures: { name: string; bytes: Uint8Array }[],
    sender = { name: 'Alice Moreau', address: 'alice@kith-a.example' },
  ) =>
    fetch(`${kith.url}/inbox/bob`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: buildInboxPacketXml({ address: kith.url, username: 'bob', senderName: sender.name, senderAddress: sender.address, pictures }),
    });

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    const res = await fetch(`${kith.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', displayName: 'Bob Martin', password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(await partyFaceCrop(0))], { type: 'image/jpeg' }), 'me.jpg');
    expect((await fetch(`${kith.url}/api/me/reference-faces`, { method: 'POST', body: form, headers: { cookie } })).status).toBe(201);
    photo = await sharp(partyPath(1)).resize({ width: 1200 }).jpeg({ quality: 86 }).toBuffer();
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('shows a toast and the photo with its sender when a packet arrives while the Inbox is open', async () => {
    await page.goto('/login');
    await logIn(page, 'bob', PASSWORD);
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox-empty').waitFor();
    await screenshot(page, 'inbox-empty');

    const res = await sendPacket([{ name: 'garden-party.jpg', bytes: photo }]);
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toBe(1);
    await expectText(page.getByTestId('inbox-toast'), 'Alice Moreau sent you a photo');
    await expectCount(page.getByTestId('inbox-item'), 1);
    await expectText(page.getByTestId('inbox-sender-name'), 'Alice Moreau');
    await expectText(page.getByTestId('inbox-sender-address'), 'alice@kith-a.example');
    // Unsigned: the address is only a claim.
    await expectText(page.getByTestId('inbox-sender-unverified'), 'unverified sender');
    await page
      .locator('[data-testid="inbox-item"] img')
      .evaluate((img: HTMLImageElement) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true }))));
    await screenshot(page, 'inbox-received');
    // A click opens the viewer, whose info panel names the sender.
    await page.getByTestId('inbox-open').click();
    await page.getByTestId('viewer').waitFor();
    if (!(await page.getByTestId('viewer-info').isVisible())) await page.getByTestId('viewer-info-toggle').click();
    await expectText(page.getByTestId('info-sender'), 'Alice Moreau');
    await screenshot(page, 'inbox-viewer');
    await page.getByTestId('viewer-close').click();
    // The photos live in the "Shared with me" inbox album, opened from the Inbox.
    await page.getByTestId('inbox-open-album').click();
    await expectText(page.getByTestId('album-title'), 'Shared with me');
    await expectCount(page.getByTestId('asset-tile'), 1);
    await screenshot(page, 'inbox-album');
    await page.getByTestId('nav-albums').click();
    await expectCount(page.getByTestId('album-card'), 1);
    await screenshot(page, 'inbox-albums-list');
    await page.getByTestId('nav-inbox').click();
  });

  it('lists dropped pictures and refuses a sender blocked in Settings', async () => {
    const stranger = await partyFaceCrop(1);
    const refused = await sendPacket([{ name: 'someone-else.jpg', bytes: stranger }], { name: 'Mallory', address: 'mallory@spam.example' });
    expect(refused.status).toBe(422);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-inbox').waitFor();
    await expectText(page.getByTestId('inbox-dropped-count'), 'Your face was not in the picture');
    await page.getByTestId('inbox-block-value').fill('mallory@spam.example');
    await page.getByTestId('inbox-block-add').click();
    await expectCount(page.getByTestId('inbox-block-row'), 1);
    const blocked = await sendPacket([{ name: 'again.jpg', bytes: stranger }], { name: 'Mallory', address: 'mallory@spam.example' });
    expect([blocked.status, (await blocked.json()).code]).toEqual([403, 'sender_blocked']);
    await page.reload();
    await expectCount(page.getByTestId('inbox-dropped-row'), 2);
    await page.getByTestId('settings-inbox').scrollIntoViewIfNeeded();
    await screenshot(page, 'inbox-settings');
  });

  it('issues a signing key for kith share in Settings: a packet signed with it shows as verified; revoking it works', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-signing-keys').scrollIntoViewIfNeeded();
    await page.getByTestId('signing-key-name').fill('laptop');
    await page.getByTestId('signing-key-issue').click();
    await page.getByTestId('signing-key-issued').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('signing-key-download').click()]);
    const key = await readSigningKey((await download.path())!);
    expect(key.owner).toBe(`bob@${new URL(kith.url).host}`);
    await expectCount(page.getByTestId('signing-key-row'), 1);
    await screenshot(page, 'inbox-signing-key');

    // Bob sends a photo from his terminal to his own inbox, signed with the key (what kith share --signing-key does).
    const xml = buildInboxPacketXml({
      address: kith.url,
      username: 'bob',
      senderName: 'Bob Martin',
      senderAddress: key.owner,
      pictures: [{ name: 'from-my-laptop.jpg', bytes: await sharp(photo).resize({ width: 900 }).jpeg().toBuffer() }],
    });
    const url = `${kith.url}/inbox/bob`;
    const res = await fetch(url, { method: 'POST', headers: await signedXmlHeaders(key, url, xml), body: xml });
    expect([res.status, (await res.json()).accepted]).toEqual([200, 1]);
    await page.getByTestId('nav-inbox').click();
    await expectCount(page.getByTestId('inbox-item'), 2);
    // Only alice's unsigned photo carries the mark.
    await expectCount(page.getByTestId('inbox-sender-unverified'), 1);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('signing-key-revoke').click();
    await page.getByTestId('confirm-ok').click();
    await expectCount(page.getByTestId('signing-key-row'), 0);
  });
});
