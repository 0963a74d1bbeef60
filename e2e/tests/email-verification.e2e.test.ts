/**
 * Proving an e-mail in the web app, against a real SMTP server on loopback: on a server with invite-only
 * sign-up (the default), alice (the admin) invites bob by link; bob puts his e-mail on his profile, which
 * alice's contact "Bob" holds. Until he proves it, alice is only asked; bob sends himself the
 * link from Settings → Profile, the test reads the message that arrives and opens its link in Chromium, and
 * alice's contact links with no question left.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../server/test/helpers/smtp-sink.js';
import { expectCount, expectText, launchBrowser, openWindow, screenshot } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';
import { signUp, type Person } from '../src/ui.js';

const alice: Person = { username: 'alice', displayName: 'Alice Moreau', password: 'correct horse alice', phone: '+1 415 555 0101' };
const bob: Person = { username: 'bob', displayName: 'Bob Martin', password: 'correct horse bob', phone: '+1 415 555 0102' };

describe('e-mail verification and invite-only sign-up in the web app', () => {
  let smtp: SmtpSink;
  let kith: KithServer;
  let browser: Browser;
  let alicePage: Page, bobPage: Page;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    kith = await startKith({ KITH_SIGNUP: 'invite', KITH_SMTP_URL: smtp.url, KITH_SMTP_FROM: 'Kith <kith@example.org>' });
    browser = await launchBrowser();
    [alicePage, bobPage] = [await openWindow(browser, kith.url), await openWindow(browser, kith.url)];
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.stop();
    await smtp?.close();
  });

  it('alice, the first account, invites bob by link; his unproven e-mail only asks alice', async () => {
    await signUp(alicePage, alice);
    await alicePage.getByTestId('nav-settings').click();
    await alicePage.getByTestId('admin-invite').click();
    const inviteUrl = (await alicePage.getByTestId('admin-invite-url').textContent())!;
    expect(inviteUrl).toMatch(/\/signup\?invite=[A-Za-z0-9_-]+$/);
    await signUp(bobPage, bob, { inviteUrl });

    const created = await alicePage.request.post('/api/contacts', { data: { name: 'Bob', emails: ['bob@example.org'] } });
    expect(created.status()).toBe(201);
    await bobPage.getByTestId('nav-settings').click();
    await bobPage.getByTestId('profile-email').fill('bob@example.org');
    await bobPage.getByTestId('profile-save').click();
    await expectText(bobPage.getByTestId('toast'), 'Profile saved');
    await bobPage.getByTestId('email-unverified-badge').waitFor();

    await alicePage.getByTestId('nav-contacts').click();
    await expectText(alicePage.locator('[data-testid="link-question"][data-contact="Bob"]'), 'Is Bob @bob');
    expect(await alicePage.getByTestId('contact-linked').count()).toBe(0);
  });

  it('bob sends himself the link, opens it from the e-mail, and alice’s contact links with no question left', async () => {
    await bobPage.getByTestId('email-verify-send').click();
    await bobPage.getByTestId('email-verify-sent').waitFor();
    const mail = await smtp.next();
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('bob@example.org');
    const link = new RegExp(`${kith.url}/verify-email\\?token=[A-Za-z0-9_-]+`).exec(mail.text ?? '')?.[0];
    expect(link, mail.text).toBeDefined();

    await bobPage.goto(link!);
    await expectText(bobPage.getByTestId('email-verification-page'), 'E-mail verified');
    await screenshot(bobPage, 'email-verified-page');
    await bobPage.goto('/settings');
    await bobPage.getByTestId('email-verified-badge').waitFor();

    await alicePage.getByTestId('nav-library').click();
    await alicePage.getByTestId('nav-contacts').click();
    await alicePage.locator('[data-testid="contact-row"]', { hasText: 'Bob' }).getByTestId('contact-linked').waitFor();
    await expectCount(alicePage.getByTestId('link-question'), 0);
  });
});
