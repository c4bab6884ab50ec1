import { findCaptcha } from './captcha-widgets.ts';
import { jsShellReason } from './js-shell.ts';
import { headerOf, sampleBody, titleOf, visibleText } from './page-text.ts';
import type { BlockKind, BlockVerdict, CaptchaInfo, DetectBlockInput } from './types.ts';
import { matchVendor, type ResponseFacts } from './vendors.ts';

const BLOCK_STATUSES = new Set([403, 429, 503]);
/** Words of a page whose purpose is the CAPTCHA (a gate), not a form that happens to carry one. */
const GATE_WORDS = /verify (?:that )?you(?:'re| are) (?:a )?human|are you a (?:robot|bot)|not a robot|unusual traffic|security check|captcha|prove you(?:'re| are)(?: a)? human|complete the (?:security )?(?:check|challenge)|one more step|checking (?:your browser|if the site connection)/i;
const GENERIC_BLOCK = /verify (?:that )?you(?:'re| are) (?:a )?human|are you a (?:robot|bot)\b|unusual traffic|automated (?:queries|requests|access)|bot (?:protection|detection)|access to this page has been denied|you have been blocked|request (?:was |has been )?blocked|suspicious activity/i;
const RATE_LIMIT_WORDS = /too many requests|rate[- ]limit(?:ed)?|request limit exceeded/i;
const FORM_INPUT = /<input\b[^>]*\btype\s*=\s*["']?(?:password|email|text|search)\b/i;

const CAPTCHA_KIND: Record<CaptchaInfo['type'], BlockKind> = {
  'recaptcha-v2': 'recaptcha', 'recaptcha-v3': 'recaptcha', hcaptcha: 'hcaptcha', turnstile: 'turnstile',
};
const CAPTCHA_LABEL: Record<CaptchaInfo['type'], string> = {
  'recaptcha-v2': 'reCAPTCHA v2', 'recaptcha-v3': 'reCAPTCHA v3', hcaptcha: 'hCaptcha', turnstile: 'Cloudflare Turnstile',
};

/** Retry-After in ms (delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function verdict(kind: BlockKind, reason: string, extra: Pick<BlockVerdict, 'captcha' | 'retryAfterMs'> = {}): BlockVerdict {
  return {
    blocked: true, kind, reason,
    ...(extra.captcha ? { captcha: extra.captcha } : {}),
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  };
}

/**
 * Whether a response is a bot wall rather than the page asked for, and whose.
 * - anti-bot vendors (Cloudflare, Akamai, PerimeterX, DataDome; Imperva and Kasada as `generic`): markers that only
 *   challenge pages carry count on any status; vendor cookies, headers and titles only on 403/429/503;
 * - a 429 without a challenge is a `rate-limit` (with retryAfterMs from Retry-After);
 * - a CAPTCHA widget (reCAPTCHA, hCaptcha, Turnstile) on any status when the page is a gate: a block status, words such as
 *   "verify you are human", or a near-empty page with no form of its own. An invisible reCAPTCHA v3 on a normal page is not a block;
 * - 403/429/503 pages that speak of bots or blocked requests: `generic`;
 * - 2xx pages with scripts, almost no text and a <noscript> asking for JavaScript or an empty app root: `js-shell`.
 */
export function detectBlock(input: DetectBlockInput): BlockVerdict {
  const html = sampleBody(input.body ?? '');
  const headers = input.headers ?? {};
  const header = (name: string): string | undefined => headerOf(headers, name);
  const status = input.status;
  const blockStatus = BLOCK_STATUSES.has(status);
  const text = visibleText(html);
  const facts: ResponseFacts = { status, blockStatus, header, html, text, title: titleOf(html) ?? '', setCookie: header('set-cookie') ?? '' };
  const retryAfterMs = parseRetryAfter(header('retry-after'));
  const vendor = matchVendor(facts);
  const captcha = findCaptcha(html);

  if (status === 429 && !vendor?.challenge) {
    const after = retryAfterMs === undefined ? '' : `, Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
    return verdict('rate-limit', `HTTP 429 Too Many Requests${vendor ? ` from ${vendor.vendor}` : ''}${after}`, { retryAfterMs });
  }
  if (vendor) {
    const what = vendor.challenge ? 'challenge' : 'block page';
    return verdict(vendor.kind, `${vendor.vendor} ${what} (HTTP ${status}): ${vendor.markers.join(', ')}`, { captcha, retryAfterMs });
  }
  const words = `${facts.title} ${text.slice(0, 4000)}`;
  if (captcha) {
    const gate = blockStatus || GATE_WORDS.test(words) || (captcha.type !== 'recaptcha-v3' && text.length < 200 && !FORM_INPUT.test(html));
    if (gate) {
      const key = captcha.siteKey ? ` (sitekey ${captcha.siteKey})` : '';
      return verdict(CAPTCHA_KIND[captcha.type], `${CAPTCHA_LABEL[captcha.type]} challenge${key} on an HTTP ${status} page`, { captcha, retryAfterMs });
    }
  }
  if (blockStatus && RATE_LIMIT_WORDS.test(words)) {
    return verdict('rate-limit', `HTTP ${status} saying "${RATE_LIMIT_WORDS.exec(words)?.[0]}"`, { retryAfterMs });
  }
  const generic = GENERIC_BLOCK.exec(words);
  if (generic && (blockStatus || text.length < 1500)) {
    return verdict('generic', `bot wall (HTTP ${status}): the page says "${generic[0]}"`, { retryAfterMs });
  }
  if (status >= 200 && status < 300) {
    const shell = jsShellReason(html);
    if (shell) return verdict('js-shell', shell);
  }
  return { blocked: false };
}
