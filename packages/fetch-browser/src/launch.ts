import { existsSync } from 'node:fs';
import { RetryableError, ScrapifieError } from '@scrapifie/recipe';
import { chromium, type Browser } from 'playwright-core';
import type { ResolvedPoolOptions } from './pool-options.ts';

/** The first line of Playwright's launch error (the rest is a long call log). */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n').find((l) => l.trim() !== '' && !/^=+/.test(l.trim())) ?? text;
  return line.replace(/^browserType\.launch:\s*/, '').trim().slice(0, 300);
}

/**
 * Starts one Chromium with the pool's options and `marker` on its command line. A missing binary is a setup problem
 * (TIER_UNAVAILABLE, not retried); a slow or failed start is retryable.
 */
export async function launchChromium(opts: ResolvedPoolOptions, marker: string): Promise<Browser> {
  if (!existsSync(opts.executablePath)) {
    throw new ScrapifieError(
      'TIER_UNAVAILABLE',
      `cannot start the browser tier: no Chromium at ${opts.executablePath} (install chromium, or set the pool's executablePath)`,
    );
  }
  try {
    return await chromium.launch({
      executablePath: opts.executablePath,
      headless: opts.headless,
      args: [...opts.args, marker],
      timeout: opts.launchTimeoutMs,
    });
  } catch (e) {
    const why = firstLine(e);
    if (e instanceof Error && e.name === 'TimeoutError') {
      throw new RetryableError('TIER_UNAVAILABLE', `Chromium (${opts.executablePath}) did not start within ${opts.launchTimeoutMs} ms`, { cause: e });
    }
    throw new RetryableError('TIER_UNAVAILABLE', `Chromium (${opts.executablePath}) failed to start: ${why}`, { cause: e });
  }
}
