/**
 * A refused upload shows the server's own reason on that file's row, and a session
 * survives log-out → log-in (wrong password first, with the server's message shown).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { logIn, signUp, uploadInLibrary, type Person } from '../src/ui.js';

const carol: Person = { username: 'carol', displayName: 'Carol Diaz', password: 'correct horse carol', phone: '+1 415 555 0103' };
const notAPhoto = { name: 'shopping-list.txt', mimeType: 'text/plain', buffer: Buffer.from('milk\neggs\nfairy lights for the party\n') };

describe('upload errors and log-in through the web app', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith();
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it("shows the server's unsupported_media_type message on the refused file's row", async () => {
    await signUp(page, carol, { phoneAtSignUp: true });
    await page.getByTestId('library-empty').waitFor();
    // The phone typed at sign-up is stored normalised to E.164.
    const me = (await (await page.context().request.get('/api/me')).json()) as { account: { phone: string } };
    expect(me.account.phone).toBe('+14155550103');

    // What the server says about this very file, asked directly with carol's session cookie.
    const direct = await page.context().request.post('/api/assets', { multipart: { file: notAPhoto } });
    expect(direct.status()).toBe(415);
    const body = (await direct.json()) as {
      code: string;
      message: string;
      details: { results: Array<{ status: string; error: { code: string; message: string } }> };
    };
    expect(body.code).toBe('unsupported_media_type');
    const [result] = body.details.results;
    assert(result, 'one result');
    const serverMessage = result.error.message;
    expect(result).toMatchObject({ status: 'failed', error: { code: 'unsupported_media_type' } });
    expect(serverMessage.length).toBeGreaterThan(10);

    // The file picker does not stop a non-image (people pick "All files"); the row shows why it failed.
    const statuses = await uploadInLibrary(page, [notAPhoto]);
    expect(statuses).toEqual(['failed']);
    const row = page.getByTestId('upload-item');
    await expectText(row, notAPhoto.name);
    expect((await row.getByTestId('upload-result').textContent())?.trim()).toBe(serverMessage);
    await expectText(page.getByTestId('upload-summary'), '1 failed');
    // Nothing reached the library.
    await page.getByTestId('library-empty').waitFor();
    expect(await page.getByTestId('asset-tile').count()).toBe(0);
    await screenshot(page, '10-upload-refused');
  });

  it('logs out, refuses a wrong password with the server message, and logs back in', async () => {
    await page.getByTestId('sidebar-logout').click();
    await page.getByTestId('login-screen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.getByTestId('auth-username').fill(carol.username);
    await page.getByTestId('auth-password').fill('not her password');
    await page.getByTestId('auth-submit').click();
    const error = page.getByTestId('auth-error');
    await error.waitFor();
    const refused = await page.request.post('/api/auth/login', { data: { username: carol.username, password: 'not her password' } });
    expect(refused.status()).toBe(401);
    expect((await error.textContent())?.trim()).toBe(((await refused.json()) as { message: string }).message);
    await screenshot(page, '11-login-refused');

    await logIn(page, carol.username, carol.password);
    expect(((await (await page.request.get('/api/me')).json()) as { account: { username: string } }).account.username).toBe(carol.username);
    await screenshot(page, '12-logged-back-in');
  });
});
