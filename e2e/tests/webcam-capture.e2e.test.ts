/**
 * Settings → Your face → Use camera, with Chromium's fake camera (a synthetic test pattern,
 * permission granted without a prompt): the captured frame is uploaded as a reference photo,
 * and since the pattern has no face the server's 422 `no_face` message shows in the dialog.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { signUp, type Person } from '../src/ui.js';

const gus: Person = { username: 'gus', displayName: 'Gus Webb', password: 'correct horse gus', phone: '+1 415 555 0107' };

describe('Webcam capture of a reference face', () => {
  let kith: KithServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kith = await startKith({ KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1' });
    browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
  });

  it('uploads the captured frame and shows why it was refused (no face)', async () => {
    await signUp(page, gus);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-faces').waitFor();
    await page.getByTestId('face-camera-button').click();
    await page.getByTestId('face-camera-dialog').waitFor();
    // Enabled once the fake stream plays in the preview.
    const capture = page.getByTestId('face-camera-capture');
    await expect.poll(() => capture.isEnabled()).toBe(true);

    const upload = page.waitForResponse((r) => r.url().endsWith('/api/me/reference-faces') && r.request().method() === 'POST');
    await capture.click();
    const res = await upload;
    expect(res.status()).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('no_face');
    // A multipart upload of a decodable image: a broken frame would answer `invalid_image`, not `no_face`.
    expect(res.request().headers()['content-type']).toMatch(/^multipart\/form-data/);

    await expectText(page.getByTestId('face-camera-problem'), /No face was found in this photo/);
    await expect.poll(() => page.getByTestId('face-camera-dialog').isVisible()).toBe(true);
    expect(await page.getByTestId('face-item').count()).toBe(0);
    await screenshot(page, 'webcam-no-face');
  });
});
