/**
 * Settings → API tokens and Settings → Security, driven in Chromium: a token made with the `scrobble`
 * scope reports plays through the ListenBrainz API and cannot read the account; changing the password
 * logs out the other browser, and "log out everywhere else" does the same without a password change.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { logIn, signUp } from '../src/ui.js';

const wren = { username: 'wren', displayName: 'Wren Marsh', password: 'correct horse wren', phone: '+1 415 555 0142' };

describe('account security settings', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;
  let laptop: Page;
  /** Whether `p`'s cookies still hold a live session. */
  const loggedIn = async (p: Page) => (await p.request.get('/api/me')).status() === 200;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
    laptop = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('makes a scrobble token: it reports a play over ListenBrainz and cannot read the account', async () => {
    await signUp(page, wren);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tokens').waitFor();
    await page.getByTestId('token-scope-scrobble').check();
    await page.getByTestId('token-name').fill('phone music player');
    await page.getByTestId('token-create').click();
    const token = (await page.getByTestId('token-secret').textContent())!.trim();
    await expectText(page.getByTestId('token-scope-badge'), 'Scrobble');
    const listen = { listen_type: 'playing_now', payload: [{ track_metadata: { artist_name: 'The Sine Waves', track_name: 'Hum' } }] };
    const lb = await fetch(`${kith.url}/1/submit-listens`, {
      method: 'POST',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(listen),
    });
    expect(lb.status).toBe(200);
    const me = await fetch(`${kith.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(403);
    expect((await me.json()).code).toBe('insufficient_scope');
    await screenshot(page, 'settings-tokens-scopes');
  });

  it('changing the password logs out the other browser; this one stays', async () => {
    await laptop.goto('/login');
    await logIn(laptop, wren.username, wren.password);
    await page.reload();
    await expectText(page.getByTestId('sessions-count'), 'This browser and 1 other');
    await page.getByTestId('password-current').fill(wren.password);
    await page.getByTestId('password-new').fill('battery staple wren');
    await page.getByTestId('password-repeat').fill('battery staple wren');
    await page.getByTestId('password-change').click();
    await page.getByText('Password changed. 1 other browser was logged out.').waitFor();
    await expectText(page.getByTestId('sessions-count'), 'Only this browser');
    expect(await loggedIn(page)).toBe(true);
    expect(await loggedIn(laptop)).toBe(false);
    await screenshot(page, 'settings-security');
  });

  it('"log out everywhere else" ends the other session after a confirmation', async () => {
    await laptop.goto('/login');
    await logIn(laptop, wren.username, 'battery staple wren');
    await page.reload();
    await expectText(page.getByTestId('sessions-count'), 'This browser and 1 other');
    await page.getByTestId('sessions-end-others').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('1 other browser was logged out.').waitFor();
    expect(await loggedIn(laptop)).toBe(false);
    expect(await loggedIn(page)).toBe(true);
  });
});
