/**
 * Errors said in words where they belong (WCAG 3.3.1 "Error Identification"): sign-up's too-short password
 * is told at the password field, not as the server's "Invalid request: body.password …" under the form;
 * a screen loaded while offline says so instead of fetch's "Failed to fetch"; the contact form shows a bad
 * e-mail address at its field.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchBrowser, openWindow } from '../src/browser.js';
import { startKith, type KithServer } from '../src/harness.js';

describe('errors in words', () => {
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

  it('shows a too-short password at the password field, in words', async () => {
    await page.goto('/signup');
    await page.getByTestId('auth-username').fill('dora');
    await page.getByTestId('auth-password').fill('short');
    await page.getByTestId('auth-submit').click();
    await expectText(page.getByTestId('auth-password-error'), 'Use at least 8 characters.');
    expect(await page.getByTestId('auth-password').getAttribute('aria-invalid')).toBe('true');
    // The field names its error for screen readers.
    const describedBy = (await page.getByTestId('auth-password').getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await page.getByTestId('auth-password-error').getAttribute('id'));
    expect(await page.getByTestId('auth-error').count()).toBe(0);
    expect(await page.getByTestId('signup-screen').textContent()).not.toMatch(/Invalid request|body\./);
  });

  it('says "You\'re offline" when a screen cannot load for want of a network', async () => {
    await page.getByTestId('auth-password').fill('correct horse dora');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('library-screen').waitFor();
    await page.context().setOffline(true);
    await page.getByTestId('nav-albums').click();
    await expectText(page.getByTestId('error'), "You're offline");
    expect(await page.getByTestId('error').textContent()).not.toContain('Failed to fetch');
    await page.context().setOffline(false);
  });

  it("shows a malformed e-mail at the contact form's e-mail field", async () => {
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-form-name').fill('Erin');
    await page.getByTestId('contact-form-emails').fill('erin at example');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-form-emails-error').waitFor();
    expect(await page.getByTestId('contact-form-emails').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('contact-form-dialog').textContent()).not.toMatch(/Invalid request|body\./);
  });
});
