import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium for the browser-path tests: SCRAPIFIE_CHROMIUM or /usr/bin/chromium, no network beyond 127.0.0.1. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SCRAPIFIE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page whose requests to anything but 127.0.0.1 are aborted (fixtures may point at example hosts). */
export async function localOnlyPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
  return page;
}
