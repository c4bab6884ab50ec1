/**
 * The web studio's workspace screens in Chromium against a real `scrapifie serve` (the built UI at /): one create on
 * each screen and a screenshot per screen in test-results/screens/. Local mode (sign-in off) for schedules, webhooks,
 * proxies, credentials, API keys and settings; server mode (SCRAPIFIE_AUTH=on) for sign-in and members.
 * Needs the studio built (`npm run build -w @scrapifie/ui`); Chromium is /usr/bin/chromium (the "web" project).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { rest, serveStudio, startReceiver, type Served } from './web/serve-screens.ts';

const shots = fileURLToPath(new URL('../test-results/screens/', import.meta.url));
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-screens-'));
  mkdirSync(shots, { recursive: true });
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const RECIPE = { version: 1, name: 'products', start: { urls: ['https://shop.example/list/1'] }, page: { items: { css: 'article.product', fields: { title: { css: 'h2 a' } } } } };

test('local mode: a create on each workspace screen', async ({ page }) => {
  const studio: Served = await serveStudio(join(dir, 'local.sqlite'));
  const receiver = await startReceiver();
  try {
    expect((await rest(studio.url, 'POST', '/recipes', { recipe: RECIPE })).status).toBe(201);

    await page.goto(`${studio.url}/#/schedules`);
    const scheduleForm = page.getByRole('form', { name: 'New schedule' });
    await expect(scheduleForm.getByRole('combobox')).toContainText('products (v1)');
    await scheduleForm.getByLabel('Cron').fill('0 6 * * 1-5');
    await scheduleForm.getByLabel('Time zone').fill('Europe/Paris');
    await scheduleForm.getByRole('button', { name: 'Create schedule' }).click();
    await expect(page.getByTestId('next-run')).toContainText(/06:00( AM)? (CET|CEST|GMT\+1|GMT\+2)/);
    await expect(page.getByRole('table', { name: 'Schedules' }).getByRole('row')).toHaveCount(2);
    await shot(page, 'schedules');

    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const credForm = page.getByRole('form', { name: 'New credential' });
    await credForm.getByLabel('Name', { exact: true }).fill('proxy password');
    await credForm.getByLabel('Kind').selectOption('proxy');
    await credForm.getByLabel('Value').fill('s3cret-proxy-pass-7Hq2');
    await expect(credForm.getByLabel('Value')).toHaveAttribute('type', 'password');
    await credForm.getByRole('button', { name: 'Add credential' }).click();
    const credRow = page.getByRole('table', { name: 'Credentials' }).getByRole('row').filter({ hasText: 'proxy password' });
    await expect(credRow).toContainText('7Hq2');
    await expect(page.locator('body')).not.toContainText('s3cret-proxy-pass');
    await shot(page, 'credentials');

    await page.getByRole('button', { name: 'Proxies', exact: true }).click();
    const proxyForm = page.getByRole('form', { name: 'New proxy' });
    await proxyForm.getByLabel('Name', { exact: true }).fill('residential-de');
    await proxyForm.getByLabel('URL', { exact: true }).fill('http://scraper@proxy.example:8080');
    await proxyForm.getByLabel('Tier').selectOption('residential');
    await proxyForm.getByLabel('Country').fill('DE');
    await proxyForm.getByLabel('Credential').selectOption({ label: 'proxy password (proxy)' });
    await proxyForm.getByRole('button', { name: 'Add proxy' }).click();
    await expect(page.getByRole('table', { name: 'Proxies' }).getByRole('row').filter({ hasText: 'residential-de' })).toContainText('proxy password');
    await shot(page, 'proxies');

    await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
    const hookForm = page.getByRole('form', { name: 'New webhook' });
    await hookForm.getByLabel('URL', { exact: true }).fill(`${receiver.url}/hook`);
    await hookForm.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByTestId('shown-once-value')).toHaveValue(/^whsec_/);
    await expect(page.getByText('it is shown only this once')).toBeVisible();
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByRole('table', { name: 'Deliveries' }).getByRole('row').nth(1)).toContainText('succeeded');
    await expect(page.getByRole('table', { name: 'Deliveries' }).getByRole('row').nth(1)).toContainText('204');
    expect(receiver.hits).toBeGreaterThanOrEqual(1);
    await shot(page, 'webhooks');

    await page.getByRole('button', { name: 'API keys', exact: true }).click();
    const keyForm = page.getByRole('form', { name: 'New API key' });
    await keyForm.getByLabel('Name', { exact: true }).fill('ci-bot');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByTestId('shown-once-value').inputValue();
    expect(key.length).toBeGreaterThan(20);
    await expect(page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'ci-bot' })).toContainText('never');
    await shot(page, 'api-keys');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByTestId('auth-off')).toContainText('Authentication is off');
    const nameForm = page.getByRole('form', { name: 'Workspace name' });
    await nameForm.getByLabel('Name', { exact: true }).fill('Acme scraping');
    await nameForm.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('banner').getByRole('combobox', { name: 'Workspace' })).toContainText('Acme scraping');
    await shot(page, 'settings');
  } finally {
    await receiver.close();
    await studio.stop();
  }
});

test('server mode: the first account signs up, then adds a member', async ({ page }) => {
  const studio = await serveStudio(join(dir, 'server.sqlite'), { SCRAPIFIE_AUTH: 'on', SCRAPIFIE_ALLOW_SIGNUP: 'true' });
  try {
    await page.goto(`${studio.url}/#/members`);
    const signIn = page.getByRole('form', { name: 'Sign in' });
    await expect(signIn).toBeVisible();
    await signIn.getByLabel('E-mail').fill('ada@example.test');
    await signIn.getByLabel('Password').fill('not the right password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn.getByRole('alert')).toHaveText('Wrong e-mail or password');
    await shot(page, 'sign-in');

    await page.getByRole('button', { name: /Create the first account/ }).click();
    const register = page.getByRole('form', { name: 'Create an account' });
    await register.getByLabel('E-mail').fill('ada@example.test');
    await register.getByLabel('Name', { exact: true }).fill('Ada');
    await register.getByLabel('Password').fill('a long enough passphrase');
    await register.getByRole('button', { name: 'Create account' }).click();

    // Ada's account exists (she is signed in and sees the members form) before Grace registers: the first account owns the server.
    const addForm = page.getByRole('form', { name: 'Add member' });
    await expect(addForm).toBeVisible();
    expect((await rest(studio.url, 'POST', '/auth/register', { email: 'grace@example.test', password: 'another long passphrase' })).status).toBe(201);
    await addForm.getByLabel('E-mail').fill('grace@example.test');
    await addForm.getByLabel('Role').selectOption('viewer');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('row')).toHaveCount(3);
    await expect(members.getByRole('combobox', { name: 'Role of grace@example.test' })).toHaveValue('viewer');
    await shot(page, 'members');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByText('Signed in as')).toContainText('ada@example.test');
    await shot(page, 'settings-server');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  } finally {
    await studio.stop();
  }
});
