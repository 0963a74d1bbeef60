/**
 * What a person does in the Kith web app, step by step, through its data-testid hooks
 * (listed at the top of web/src/App.tsx). Each step waits for the UI's own confirmation.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectCount, expectText } from './browser.js';

export interface Person {
  username: string;
  displayName: string;
  password: string;
  /** As typed by the person, e.g. `+1 415 555 0101`. */
  phone: string;
}

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Signs up through /signup and waits for the library (the app's home after sign-up). `inviteUrl`: the admin's
 * invite link (`/signup?invite=…`, needed after the first account when the server runs KITH_SIGNUP=invite).
 */
export async function signUp(page: Page, p: Person, opts: { phoneAtSignUp?: boolean; inviteUrl?: string } = {}): Promise<void> {
  await page.goto(opts.inviteUrl ?? '/signup');
  await page.getByTestId('signup-screen').waitFor();
  await page.getByTestId('auth-username').fill(p.username);
  await page.getByTestId('auth-display-name').fill(p.displayName);
  await page.getByTestId('auth-password').fill(p.password);
  if (opts.phoneAtSignUp) await page.getByTestId('auth-phone').fill(p.phone);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('library-screen').waitFor();
  await expectText(page.getByTestId('account-chip'), `@${p.username}`);
}

/** Logs in through /login and waits for the library. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.getByTestId('auth-username').fill(username);
  await page.getByTestId('auth-password').fill(password);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('library-screen').waitFor();
  await expectText(page.getByTestId('account-chip'), `@${username}`);
}

/** The sign-up form has no phone field, so the phone is set in Settings → Profile. */
export async function setPhone(page: Page, phone: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-profile').waitFor();
  await page.getByTestId('profile-phone').fill(phone);
  await page.getByTestId('profile-save').click();
  await expectText(page.getByTestId('toast'), 'Profile saved');
}

/**
 * Uploads through the Library's "Upload" button and the system file chooser, then waits
 * until every row of the upload panel is finished. @returns each row's status, in order.
 */
export async function uploadInLibrary(page: Page, files: UploadFile[]): Promise<string[]> {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-screen').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('library-screen').getByTestId('upload-button').first().click();
  await (await chooser).setFiles(files);
  const rows = page.getByTestId('upload-item');
  await expectCount(rows, files.length);
  await expectCount(
    page.locator('[data-testid="upload-item"][data-status="queued"], [data-testid="upload-item"][data-status="uploading"]'),
    0,
  );
  return Promise.all((await rows.all()).map(async (r) => (await r.getAttribute('data-status')) ?? ''));
}

/** Imports a vCard through Contacts → "Import vCard"; @returns the report's cards as `name:status`. */
export async function importVcard(page: Page, fileName: string, vcard: string): Promise<string[]> {
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-screen').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('contacts-import-button').click();
  await (await chooser).setFiles({ name: fileName, mimeType: 'text/vcard', buffer: Buffer.from(vcard) });
  await page.getByTestId('import-report').waitFor();
  const cards = await page.getByTestId('import-card').all();
  return Promise.all(
    cards.map(async (c) => `${(await c.locator('.import-card-name').textContent())?.trim()}:${await c.getAttribute('data-status')}`),
  );
}

/** A vCard 3.0 file, as a phone exports it (CRLF line ends, RFC 2426). */
export function vcardOf(cards: Array<{ name: string; phone: string }>): string {
  return cards
    .map(({ name, phone }) =>
      ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `N:;${name};;;`, `TEL;TYPE=CELL:${phone}`, 'END:VCARD'].join('\r\n'),
    )
    .join('\r\n')
    .concat('\r\n');
}

/**
 * Answers Contacts' "Is <contact> @<account> on this server?" (a link resting on an address the account has not
 * proven) and waits until the question is gone; a Yes also waits for the contact's link badge.
 */
export async function answerLinkQuestion(page: Page, contactName: string, answer: 'yes' | 'no'): Promise<void> {
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-screen').waitFor();
  const question = page.locator(`[data-testid="link-question"][data-contact="${contactName}"]`);
  await question.getByTestId(`link-question-${answer}`).click();
  await expectCount(question, 0);
  if (answer === 'yes') await page.locator('[data-testid="contact-row"]', { hasText: contactName }).getByTestId('contact-linked').waitFor();
}

/** Waits until the library shows `n` tiles whose thumbnails are rendered. */
export async function expectLibraryReady(page: Page, n: number): Promise<void> {
  await expectCount(page.getByTestId('library-screen').getByTestId('asset-tile'), n);
  await expectCount(page.locator('[data-testid="library-screen"] [data-testid="asset-tile"][data-ready="true"]'), n);
  expect(await page.getByTestId('library-screen').getByTestId('asset-pending').count()).toBe(0);
}

/**
 * On a person's page: opens "Who is this?", types `query`, and checks that the first suggestion is the
 * contact `name` and that the button says it links. Leaves the dialog open for the caller to choose.
 */
export async function expectContactOffered(page: Page, query: string, name: string): Promise<void> {
  await page.getByTestId('person-rename').click();
  await page.getByTestId('prompt-input').fill(query);
  const first = page.getByTestId('name-option').first();
  await expectText(first, name);
  expect(await first.getAttribute('data-kind')).toBe('contact');
  await expectText(page.getByTestId('prompt-submit'), 'Link to contact');
}
