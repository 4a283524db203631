import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('first start and sign-in', () => {
  it('should land the first administrator on the Users page from the printed link', async () => {
    const page = await browser.newPage();
    await page.goto(app.signInUrl);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    // The table loads after the heading: wait for the row rather than sampling it once.
    await page.getByRole('cell', { name: 'admin@acme.test' }).first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    expect(page.url()).toContain('/admin/users');
    await page.close();
  });

  it('should sign in through the email form and the local mailbox', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Work email').fill('admin@acme.test');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('Check your email').waitFor();

    await page.goto(`${app.url}/mailbox`);
    const mail = page.getByTestId('mail').filter({ hasText: 'Your Sofie sign-in link' }).first();
    await mail.waitFor();
    await mail.getByRole('link').click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(page.url()).toContain('/admin/users');
    await context.close();
  });
});
