/**
 * Album members end to end, on a phone (360 px, touch) and a desktop (1280 px): alice invites bob by his username as a
 * viewer in the Share dialog; bob, in his own signed-in browser, finds the album under "Shared with me" and cannot add
 * to it; alice makes him a contributor and he adds a photo of his own; alice removes him and the album is gone for him.
 * Then the trust rule of docs/features/library-and-albums.md ("Sharing an album"): a contact matched only by an address
 * its account has not verified is invited only after alice says yes to the question the dialog shows (409
 * `confirmation_required`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCount, expectText, launchBrowser, screenshot, UI_WAIT_MS } from '../src/browser.js';
import { openAs } from '../src/app-fixture.js';
import { deviceOf, PHONE_AND_DESKTOP, uploadPhoto } from '../src/album-fixture.js';
import { startKith, type KithServer } from '../src/harness.js';
import { api, apiSignup, type ApiUser } from '../src/now-playing-api.js';

/** The HTTP status of a call as `user` (the api() helper throws on anything but 2xx). */
async function statusOf(url: string, user: ApiUser, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: user.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('album members in the browser', () => {
  let kith: KithServer;
  let browser: Browser;
  let alice: ApiUser, bob: ApiUser;
  const photos: string[] = [];
  let bobPhoto: string;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    alice = await apiSignup(kith.url, 'alice', 'Alice Martin');
    bob = await apiSignup(kith.url, 'bob', 'Bob Stone');
    for (const n of [1, 2]) photos.push(await uploadPhoto(kith.url, alice, n));
    bobPhoto = await uploadPhoto(kith.url, bob, 3);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  describe.each(PHONE_AND_DESKTOP)('at $width px', (size) => {
    const { width, phone } = size;
    const device = deviceOf(size);
    const name = `Cabin trip ${width}`;
    let owner: Page, member: Page;
    let albumId: string;
    const roleOf = async (accountId: string) =>
      ((await api(kith.url, alice, 'GET', `/api/albums/${albumId}`)).album.members as Array<{ id: string; role: string }>).find(
        (m) => m.id === accountId,
      )?.role ?? null;
    const openShareDialog = async () => {
      await owner.goto(`/albums/${albumId}`);
      await owner.getByTestId('album-share').click();
      await owner.getByTestId('share-dialog').waitFor();
    };
    const openShared = async () => {
      if (phone) {
        await member.getByTestId('nav-more').tap();
        await member.getByTestId('more-shared').tap();
      } else await member.getByTestId('nav-shared').click();
      await member.getByTestId('shared-screen').waitFor();
    };

    beforeAll(async () => {
      ({
        album: { id: albumId },
      } = await api(kith.url, alice, 'POST', '/api/albums', { name, assetIds: photos }));
      owner = await openAs(browser, { kith }, alice, device);
      member = await openAs(browser, { kith }, bob, device);
    });
    afterAll(async () => {
      await owner?.context().close();
      await member?.context().close();
    });

    it('the owner invites an account by username as a viewer', async () => {
      await openShareDialog();
      await owner.getByTestId('share-invite-who').fill('@bob');
      expect(await owner.getByTestId('share-invite-role').inputValue()).toBe('viewer');
      await owner.getByTestId('share-invite-submit').click();
      const row = owner.getByTestId('share-member');
      await expectCount(row, 1);
      await expectText(row, 'Bob Stone @bob');
      expect(await row.getByTestId('share-member-role').inputValue()).toBe('viewer');
      await screenshot(owner, `album-members-${width}-01-invited`);
      expect(await roleOf(bob.id!)).toBe('viewer');
    });

    it('the viewer finds the album under "Shared with me", sees its photos and cannot add any', async () => {
      await member.goto('/');
      await member.getByTestId('library-screen').waitFor();
      await openShared();
      const card = member.getByTestId('album-card').filter({ hasText: name });
      await expectCount(card, 1);
      await screenshot(member, `album-members-${width}-02-shared-with-me`);
      await card.click();
      await expectText(member.getByTestId('album-title'), name);
      await expectCount(member.getByTestId('album-screen').getByTestId('asset-tile'), 2);
      await expectText(member.getByTestId('album-screen'), 'shared by Alice Martin');
      expect(await member.getByTestId('album-add-photos').count()).toBe(0);
      expect(await member.getByTestId('album-share').count()).toBe(0);
      expect(await statusOf(kith.url, bob, 'POST', `/api/albums/${albumId}/assets`, { assetIds: [bobPhoto] })).toBe(403);
    });

    it('the owner makes him a contributor, and he adds a photo of his own', async () => {
      await owner.getByTestId('share-member-role').selectOption('contributor');
      await expect.poll(() => roleOf(bob.id!), { timeout: UI_WAIT_MS }).toBe('contributor');

      await member.reload();
      await expectText(member.getByTestId('album-screen'), 'you can add photos');
      await member.getByTestId('album-add-photos').click();
      const picker = member.getByTestId('add-photos-dialog');
      await picker.waitFor();
      const tile = picker.locator(`[data-testid="asset-tile"][data-asset-id="${bobPhoto}"]`);
      await tile.getByTestId('tile-select').click({ force: true });
      await screenshot(member, `album-members-${width}-03-add-photos`);
      await member.getByTestId('add-photos-confirm').click();
      await expectText(member.getByTestId('toast').last(), `Added 1 photo to “${name}”`);
      await expectCount(member.getByTestId('album-screen').getByTestId('asset-tile'), 3);
      await expectText(member.locator(`[data-testid="asset-tile"][data-asset-id="${bobPhoto}"]`).getByTestId('contributor-badge'), /Bob/);
      await screenshot(member, `album-members-${width}-04-contributed`);
      const { album } = await api(kith.url, alice, 'GET', `/api/albums/${albumId}`);
      expect(album.assets.map((a: { id: string }) => a.id)).toContain(bobPhoto);
    });

    it('the owner removes him, and the album is gone from his screens and the API', async () => {
      await owner.getByTestId('share-member-remove').click();
      await expectCount(owner.getByTestId('share-member'), 0);
      expect(await roleOf(bob.id!)).toBeNull();
      expect(await statusOf(kith.url, bob, 'GET', `/api/albums/${albumId}`)).toBe(404);

      await member.goto('/');
      await member.getByTestId('library-screen').waitFor();
      await openShared();
      await expectCount(member.getByTestId('album-card').filter({ hasText: name }), 0);
      await member.goto(`/albums/${albumId}`);
      await member.getByTestId('error').waitFor();
      expect(await member.getByTestId('album-screen').count()).toBe(0);
      await screenshot(member, `album-members-${width}-05-removed`);
    });

    it('asks before inviting a contact matched only by an address its account has not verified', async () => {
      const email = `dad-${width}@example.com`;
      await api(kith.url, alice, 'POST', '/api/contacts', { name: `Dad ${width}`, emails: [email] });
      const mallory = await apiSignup(kith.url, `mallory${width}`, 'Mallory Kane');
      await api(kith.url, mallory, 'PATCH', '/api/me', { email });

      await openShareDialog();
      await owner.getByTestId('share-invite-contact').selectOption({ label: `Dad ${width} (no verified account)` });
      await owner.getByTestId('share-invite-submit').click();
      const question = owner.getByTestId('share-dialog').locator('.share-confirm');
      await expectText(question, `matches @mallory${width}, who has not verified it`);
      await screenshot(owner, `album-members-${width}-06-confirm-contact`);
      expect(await statusOf(kith.url, mallory, 'GET', `/api/albums/${albumId}`)).toBe(404);

      await owner.getByTestId('share-confirm-invite').click();
      await expectCount(question, 0);
      await expectText(owner.getByTestId('share-member'), `Mallory Kane @mallory${width}`);
      expect(await roleOf(mallory.id!)).toBe('viewer');
      expect(await statusOf(kith.url, mallory, 'GET', `/api/albums/${albumId}`)).toBe(200);
    });
  });
});
