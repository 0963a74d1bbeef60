/**
 * Settings → Phone number in Chromium (docs/security.md "Phone numbers and now playing"): a number is
 * "Not verified" with the plain-words reason; "Send code" texts a code through the SMS gateway (a
 * loopback server speaking Twilio's Messaging API); typing it turns the badge to "Verified".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { signUp, type Person } from '../src/ui.js';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../server/test/helpers/fake-sms-gateway.js';

const carol: Person = { username: 'carol', displayName: 'Carol Diaz', password: 'correct horse carol', phone: '+1 415 555 0103' };

describe('phone verification in Settings', () => {
  let sms: FakeSmsGateway;
  let kith: KithServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sms = await startFakeSmsGateway();
    kith = await startKith({
      KITH_SMS_URL: sms.url,
      KITH_SMS_ACCOUNT_SID: sms.accountSid,
      KITH_SMS_AUTH_TOKEN: sms.authToken,
      KITH_SMS_FROM: sms.from,
      KITH_FETCH_ALLOW: '127.0.0.1/32',
    });
    browser = await launchBrowser();
    page = await openWindow(browser, kith.url);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
    await sms?.close();
  });

  it('shows the number as not verified, with why it matters', async () => {
    await signUp(page, carol, { phoneAtSignUp: true });
    await page.getByTestId('nav-settings').click();
    const card = page.getByTestId('settings-phone');
    await expectText(card.getByTestId('phone-status'), 'Not verified');
    await expectText(card.getByTestId('phone-why'), 'Friends see your plays only once Kith knows this number is yours.');
  });

  it('sends a code by SMS and verifies the number with it', async () => {
    const card = page.getByTestId('settings-phone');
    await card.getByTestId('phone-send-code').click();
    await card.getByTestId('phone-code').waitFor();
    expect(sms.messages).toHaveLength(1);
    expect(sms.messages[0]).toMatchObject({ to: '+14155550103', from: sms.from });
    const code = sms.codeFor('+14155550103');
    await card.getByTestId('phone-code').fill(code === '000000' ? '000001' : '000000'); // a wrong code first
    await card.getByTestId('phone-verify').click();
    await expectText(card.getByTestId('phone-error'), /4 attempts left/);
    await card.getByTestId('phone-code').fill(code);
    await card.getByTestId('phone-verify').click();
    await expectText(card.getByTestId('phone-status'), 'Verified');
    await expectText(card.getByTestId('phone-why'), /Kith knows this number is yours/);
    await screenshot(page, 'settings-phone-verified');
  });
});
